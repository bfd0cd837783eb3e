import type { Condition, ValueTest } from '../types.ts';

const MIN_LITERAL = 3;
/** Past this length a literal is selective enough; longer ones do not make a set better. */
const ENOUGH_LENGTH = 8;

/** Characters of a number's or boolean's text: a literal made only of these could match a number, not a string. */
const NUMBER_TEXT = /^[0-9.eE+-]+$/;
const isBooleanPart = (literal: string) => 'true'.includes(literal) || 'false'.includes(literal);

/** The longest printable-ASCII run of a text, lower-cased: the part that lower-cases the same everywhere. */
function asciiCore(text: string): string {
  let best = '';
  let run = '';
  for (const c of text) {
    const code = c.charCodeAt(0);
    if (c.length === 1 && code >= 0x20 && code < 0x7f) run += c;
    else run = '';
    if (run.length > best.length) best = run;
  }
  return best.toLowerCase();
}

function usable(literal: string): string | null {
  const core = asciiCore(literal);
  if (core.length < MIN_LITERAL || NUMBER_TEXT.test(core) || isBooleanPart(core)) return null;
  return core;
}

/** The index after a bracket class starting at `start` (`[`), escapes and POSIX classes (`[[:alpha:]]`) included. */
function skipClass(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  while (i < pattern.length && pattern[i] !== ']') {
    if (pattern[i] === '\\') i += 2;
    else if (pattern.startsWith('[:', i)) i = pattern.indexOf(':]', i + 2) < 0 ? pattern.length : pattern.indexOf(':]', i + 2) + 2;
    else i++;
  }
  return i + 1;
}

/** The index after a group starting at `start` (`(`); -1 when a `|` can only be at the top level (it is not). */
function skipGroup(pattern: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') i += 2;
    else if (c === '[') i = skipClass(pattern, i);
    else {
      if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return i + 1;
      i++;
    }
  }
  return i;
}

const PUNCTUATION = /^[!-/:-@[-`{-~]$/;

/** One atom of a regex at `i`: its literal character (or null) and where it ends. */
function atomAt(pattern: string, i: number): { literal: string | null; end: number } {
  const c = pattern[i] as string;
  if (c === '[') return { literal: null, end: skipClass(pattern, i) };
  if (c === '(') return { literal: null, end: skipGroup(pattern, i) };
  if (c !== '\\') return { literal: '.^$'.includes(c) ? null : c, end: i + 1 };
  const escaped = pattern[i + 1] ?? '';
  if (PUNCTUATION.test(escaped)) return { literal: escaped, end: i + 2 };
  if (escaped === 'x' && pattern[i + 2] === '{') {
    const close = pattern.indexOf('}', i + 3);
    const code = Number.parseInt(pattern.slice(i + 3, close), 16);
    return { literal: close > 0 && Number.isFinite(code) ? String.fromCodePoint(code) : null, end: close < 0 ? pattern.length : close + 1 };
  }
  if (escaped === 'Q') {
    const close = pattern.indexOf('\\E', i + 2);
    return { literal: null, end: close < 0 ? pattern.length : close + 2 };
  }
  return { literal: null, end: i + 2 };
}

/**
 * The longest literal run a regex must contain, or null: runs come only from the top level of a pattern without a
 * top-level `|`, and stop at anything optional, repeated, grouped or a class. RE2's case folding maps the Kelvin sign
 * to `k` and the long s to `s`, which lower-casing does not, so case-insensitive runs also stop at k and s.
 */
export function regexLiteral(pattern: string, caseInsensitive: boolean): string | null {
  const folds = caseInsensitive || /\(\?[a-zA-Z]*i/.test(pattern);
  let best = '';
  let run = '';
  const cut = () => {
    if (run.length > best.length) best = run;
    run = '';
  };
  let i = 0;
  while (i < pattern.length) {
    if (pattern[i] === '|') return null;
    const { literal, end } = atomAt(pattern, i);
    const quantifier = pattern[end];
    i = end;
    if (quantifier === '*' || quantifier === '?' || quantifier === '{' || quantifier === '+') {
      i = quantifier === '{' ? pattern.indexOf('}', end) + 1 || pattern.length : end + 1;
      if (pattern[i] === '?') i++;
      if (quantifier === '+' && literal !== null) run += literal;
      cut();
      continue;
    }
    if (literal === null || (folds && 'kKsS'.includes(literal))) cut();
    else run += literal;
  }
  cut();
  return best || null;
}

/**
 * Stands for "some string of the event holds a character outside ASCII": the scan text carries it when one does
 * (runtime/scan-text.ts). A string test whose value has no usable ASCII run but a non-ASCII character (emoji,
 * homoglyphs) needs such a character, since ASCII never lower-cases to anything else. Not for regexes: RE2's case
 * folding matches the Kelvin sign with `k`.
 */
export const NON_ASCII_MARKER = '~non-ascii~';
// biome-ignore lint/suspicious/noControlCharactersInRegex: the range is every ASCII character, controls included
const NON_ASCII = /[^\x00-\x7f]/;

function stringLiteral(value: string, cased: boolean): string | null {
  const core = usable(value);
  if (core !== null) return core;
  return NON_ASCII.test(value) && (cased || NON_ASCII.test(value.toLowerCase())) ? NON_ASCII_MARKER : null;
}

function testLiteral(test: ValueTest): string | null {
  switch (test.op) {
    case 'equals':
    case 'contains':
    case 'startswith':
    case 'endswith':
      return stringLiteral(test.value, test.cased);
    case 'regex': {
      const literal = regexLiteral(test.pattern, test.flags.i);
      return literal === null ? null : usable(literal);
    }
    default:
      return null;
  }
}

function score(set: string[]): [number, number] {
  return [Math.min(ENOUGH_LENGTH, ...set.map((literal) => literal.length)), -set.length];
}

function better(a: string[], b: string[]): boolean {
  const [lengthA, countA] = score(a);
  const [lengthB, countB] = score(b);
  return lengthA !== lengthB ? lengthA > lengthB : countA > countB;
}

const unique = (literals: string[]) => [...new Set(literals)];

function testsLiterals(tests: ValueTest[], mode: 'any' | 'all'): string[] | null {
  const literals = tests.map(testLiteral);
  if (mode === 'all') {
    let best: string[] | null = null;
    for (const literal of literals) if (literal !== null && (!best || better([literal], best))) best = [literal];
    return best;
  }
  return literals.every((literal): literal is string => literal !== null) ? unique(literals) : null;
}

/**
 * Literals of which at least one occurs (lower-cased) in some string value of any event the condition matches, or
 * null: `and` keeps its best child set, `or` the union when every child has one, `not` and tests without a literal
 * give null.
 */
export function anyLiteral(condition: Condition): string[] | null {
  switch (condition.type) {
    case 'and': {
      let best: string[] | null = null;
      for (const item of condition.items) {
        const set = anyLiteral(item);
        if (set && (!best || better(set, best))) best = set;
      }
      return best;
    }
    case 'or': {
      const sets = condition.items.map(anyLiteral);
      return sets.every((set): set is string[] => set !== null) ? unique(sets.flat()) : null;
    }
    case 'not':
    case 'const':
      return null;
    case 'field':
    case 'keyword':
      return testsLiterals(condition.tests, condition.mode);
  }
}
