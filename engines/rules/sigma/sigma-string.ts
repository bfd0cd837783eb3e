/**
 * A Sigma string value as pieces: literal text and the wildcards `*` (any run) and `?` (one character). After a UTF-16
 * modifier the text pieces hold bytes, one char code 0–255 per byte (`bytes`), which base64 encodes as they are.
 */
export type Piece = { kind: 'text'; text: string } | { kind: 'star' } | { kind: 'one' };
export type SigmaString = { pieces: Piece[]; bytes: boolean };

const STAR: Piece = { kind: 'star' };

function pushText(pieces: Piece[], text: string): void {
  if (text === '') return;
  const last = pieces[pieces.length - 1];
  if (last?.kind === 'text') pieces[pieces.length - 1] = { kind: 'text', text: last.text + text };
  else pieces.push({ kind: 'text', text });
}

/** Sigma's escapes: `\*`, `\?` and `\\` are literal; a backslash before anything else is itself. */
export function parseWildcards(raw: string): SigmaString {
  const pieces: Piece[] = [];
  let text = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    const next = raw[i + 1];
    if (c === '\\' && (next === '*' || next === '?' || next === '\\')) {
      text += next;
      i++;
    } else if (c === '*' || c === '?') {
      pushText(pieces, text);
      text = '';
      pieces.push(c === '*' ? STAR : { kind: 'one' });
    } else text += c;
  }
  pushText(pieces, text);
  return { pieces, bytes: false };
}

export const literalString = (text: string): SigmaString => ({ pieces: text === '' ? [] : [{ kind: 'text', text }], bytes: false });

export const hasWildcards = (value: SigmaString): boolean => value.pieces.some((piece) => piece.kind !== 'text');

/** The text of a value without wildcards, or null. */
export const plainText = (value: SigmaString): string | null =>
  hasWildcards(value) ? null : value.pieces.map((piece) => (piece.kind === 'text' ? piece.text : '')).join('');

/** `contains` / `startswith` / `endswith`: a `*` at either end unless one is already there. */
export function withStars(value: SigmaString, atStart: boolean, atEnd: boolean): SigmaString {
  const pieces = [...value.pieces];
  if (atStart && pieces[0]?.kind !== 'star') pieces.unshift(STAR);
  if (atEnd && pieces[pieces.length - 1]?.kind !== 'star') pieces.push(STAR);
  return { pieces, bytes: value.bytes };
}

export function mapText(value: SigmaString, transform: (text: string) => string, bytes: boolean): SigmaString {
  const pieces: Piece[] = [];
  for (const piece of value.pieces) {
    if (piece.kind === 'text') pushText(pieces, transform(piece.text));
    else pieces.push(piece);
  }
  return { pieces, bytes };
}
