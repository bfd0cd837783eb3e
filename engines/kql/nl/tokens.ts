/** One word of a question: as written (punctuation around it removed), lower-cased, and whether it was a "quoted phrase". */
export interface Token {
  text: string;
  lower: string;
  quoted: boolean;
}

const LEADING = new Set(['(', '[', '{', "'", '`', '“', '‘']);
const TRAILING = new Set([',', ';', ':', '?', '!', ')', ']', '}', "'", '`', '.', '”', '’']);

const isSpace = (char: string) => char.trim() === '';
const isControl = (char: string) => {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f;
};

function trimPunctuation(word: string): string {
  let start = 0;
  let end = word.length;
  while (start < end && LEADING.has(word[start] as string)) start++;
  while (end > start && TRAILING.has(word[end - 1] as string)) end--;
  return word.slice(start, end);
}

function token(text: string, quoted: boolean): Token {
  return { text, lower: text.toLowerCase(), quoted };
}

/**
 * Splits a question on white space; a double-quoted run is one token (a phrase to search for as written). A
 * scan by hand, not a regex: the text is the caller's. Words holding control characters are dropped.
 */
export function tokenize(question: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < question.length) {
    const char = question[index] as string;
    if (isSpace(char)) {
      index++;
      continue;
    }
    if (char === '"') {
      const close = question.indexOf('"', index + 1);
      if (close > index + 1) {
        const phrase = question.slice(index + 1, close).trim();
        if (phrase.length > 0 && ![...phrase].some(isControl)) tokens.push(token(phrase, true));
        index = close + 1;
        continue;
      }
    }
    let end = index;
    while (end < question.length && !isSpace(question[end] as string)) end++;
    const word = trimPunctuation(question.slice(index, end).replaceAll('"', ''));
    if (word.length > 0 && ![...word].some(isControl)) tokens.push(token(word, false));
    index = end;
  }
  return tokens;
}
