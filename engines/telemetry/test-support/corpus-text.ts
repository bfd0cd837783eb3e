/**
 * Pure text helpers for the golden tests: pull example records out of documentation pages (reStructuredText)
 * and JSON-lines files. Reading the files is left to the tests (engines stay free of fs).
 */

export type LiteralBlock = { line: number; directive: string; text: string };

/** Indented literal blocks that follow a `::` paragraph or a `.. directive::` line. */
export function rstLiteralBlocks(text: string): LiteralBlock[] {
  const lines = text.split('\n');
  const blocks: LiteralBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const directive = /^\s*\.\. ([\w-]+)::/.exec(line)?.[1] ?? (/::\s*$/.test(line) ? 'literal' : null);
    if (directive === null) continue;
    const baseIndent = indentOf(line);
    let j = i + 1;
    while (j < lines.length && (lines[j] ?? '').trim() === '') j++;
    const indent = indentOf(lines[j] ?? '');
    if (j >= lines.length || indent <= baseIndent) continue;
    const start = j;
    while (j < lines.length && ((lines[j] ?? '').trim() === '' || indentOf(lines[j] ?? '') >= indent)) j++;
    blocks.push({ line: start + 1, directive, text: lines.slice(start, j).join('\n') });
    i = j - 1;
  }
  return blocks;
}

function indentOf(line: string): number {
  return /^\s*/.exec(line)?.[0].length ?? 0;
}

export type ObjectText = { key: string | null; text: string };

/**
 * Every top-level `{…}` in a text (brace-balanced, string-aware), whether it parses as JSON or not.
 * `key` is set for documentation fragments written as `"dns": { … }`.
 */
export function jsonObjectTexts(text: string): ObjectText[] {
  const found: ObjectText[] = [];
  let lastEnd = 0;
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
    } else if (c === '"' && depth > 0) inString = true;
    else if (c === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}' && depth > 0) {
      depth--;
      if (depth === 0) {
        const key = /"([\w-]+)"\s*:\s*$/.exec(text.slice(lastEnd, start))?.[1] ?? null;
        found.push({ key, text: text.slice(start, i + 1) });
        lastEnd = i + 1;
      }
    }
  }
  return found;
}

export function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Non-empty lines of a JSON-lines file that are not comments (Zeek btest baselines start with "###"). */
export function jsonLines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
}
