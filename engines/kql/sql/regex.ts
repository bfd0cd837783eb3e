import { RE2JS } from 're2js';
import type { Span } from '../ast.ts';
import { KqlError } from '../diagnostics.ts';

/** Escapes text for a PostgreSQL ARE (advanced regular expression) so it matches literally. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}-]/g, '\\$&');
}

/** Escapes text for LIKE/ILIKE (backslash is the default escape). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

const TERM_EDGE = '[^[:alnum:]]';

/** `has`: the needle as a whole term (or phrase of terms), between non-alphanumeric characters or the ends. */
export function termRegex(term: string, edges: { start: boolean; end: boolean } = { start: true, end: true }): string {
  return `${edges.start ? `(^|${TERM_EDGE})` : ''}${escapeRegex(term)}${edges.end ? `($|${TERM_EDGE})` : ''}`;
}

// RE2 syntax PostgreSQL's regex engine reads differently or not at all
const POSTGRES_MISMATCH: readonly [RegExp, string][] = [
  [/\(\?P?</, 'named groups'],
  [/\\[pP]/, 'Unicode classes (\\p{…})'],
  [/\\[zACQE]/, '\\z, \\A, \\C, \\Q…\\E'],
  [/\(\?[a-zA-Z]*[sU]/, 'the s and U flags'],
];

/**
 * Accepts a `matches regex`/`extract` pattern only if RE2 accepts it (linear time, no back-references or
 * look-around) and PostgreSQL reads it the same way; returns the pattern to run with `~`.
 */
export function checkedRegex(pattern: string, span: Span): string {
  try {
    RE2JS.compile(pattern);
  } catch (error) {
    throw new KqlError({ type: 'TYPE_ERROR', message: `invalid regular expression: ${(error as Error).message}`, span });
  }
  for (const [shape, what] of POSTGRES_MISMATCH) {
    if (shape.test(pattern))
      throw new KqlError({ type: 'UNSUPPORTED_OPERATOR', message: `regular expressions with ${what} are not supported`, span, construct: what });
  }
  // (?i) is the only inline flag PostgreSQL reads, and only at the very start
  if (/\(\?i\)/.test(pattern.slice(4)))
    throw new KqlError({ type: 'UNSUPPORTED_OPERATOR', message: '(?i) is supported only at the start of a pattern', span, construct: '(?i)' });
  // RE2's word boundary \b is \y in PostgreSQL (where \b is a backspace)
  return pattern.replace(
    /(^|[^\\])((?:\\\\)*)\\([bB])/g,
    (_, before: string, pairs: string, letter: string) => `${before}${pairs}\\${letter === 'b' ? 'y' : 'Y'}`,
  );
}
