import type { ValueTest } from '../types.ts';
import { escapeRegexText } from './regex.ts';
import type { Piece, SigmaString } from './sigma-string.ts';

const isStar = (piece: Piece | undefined) => piece?.kind === 'star';

/**
 * The cheapest test for a wildcard string: equals / startswith / endswith / contains when the only wildcards are `*`
 * at the ends, otherwise an anchored RE2 regex (`*` → `.*` across lines, `?` → one character).
 */
export function stringTest(value: SigmaString, cased: boolean): ValueTest {
  const { pieces } = value;
  const inner = pieces.slice(isStar(pieces[0]) ? 1 : 0, isStar(pieces[pieces.length - 1]) && pieces.length > 1 ? -1 : undefined);
  if (inner.length === 0) return pieces.length === 0 ? { op: 'equals', value: '', cased } : { op: 'startswith', value: '', cased };
  const only = inner[0];
  if (inner.length === 1 && only?.kind === 'text') {
    const starts = isStar(pieces[0]);
    const ends = isStar(pieces[pieces.length - 1]);
    const op = starts && ends ? 'contains' : starts ? 'endswith' : ends ? 'startswith' : 'equals';
    return { op, value: only.text, cased };
  }
  let pattern = '^';
  for (const piece of pieces) pattern += piece.kind === 'text' ? escapeRegexText(piece.text) : piece.kind === 'star' ? '.*' : '.';
  return { op: 'regex', pattern: `${pattern}$`, flags: { i: !cased, m: false, s: true } };
}
