import { mapText, type SigmaString } from './sigma-string.ts';

/** Bytes as a string of char codes 0–255 (what btoa encodes). */
export function utf8ByteString(text: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(text)) out += String.fromCharCode(byte);
  return out;
}

function utf16ByteString(text: string, littleEndian: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const low = String.fromCharCode(unit & 0xff);
    const high = String.fromCharCode(unit >> 8);
    out += littleEndian ? low + high : high + low;
  }
  return out;
}

export type Utf16Variant = 'utf16le' | 'utf16be' | 'utf16';

/** `utf16le`/`wide`, `utf16be`, `utf16` (a little-endian byte order mark FF FE, then UTF-16LE). Wildcards stay. */
export function toUtf16(value: SigmaString, variant: Utf16Variant): SigmaString {
  const encoded = mapText(value, (text) => utf16ByteString(text, variant !== 'utf16be'), true);
  if (variant !== 'utf16') return encoded;
  return { pieces: [{ kind: 'text', text: '\xff\xfe' }, ...encoded.pieces], bytes: true };
}

const bytesOf = (value: string, isBytes: boolean): string => (isBytes ? value : utf8ByteString(value));

export const base64 = (text: string, isBytes: boolean): string => btoa(bytesOf(text, isBytes));

/**
 * The three encodings of a value at byte offsets 0, 1 and 2 inside a longer base64 text, trimmed to the characters
 * that do not depend on the surrounding bytes (sigma-appendix-modifiers.md, base64offset).
 */
export function base64Offsets(text: string, isBytes: boolean): string[] {
  const bytes = bytesOf(text, isBytes);
  const startTrim = [0, 2, 3];
  const endTrim = [0, 3, 2];
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = btoa(' '.repeat(shift) + bytes);
    const end = encoded.length - (endTrim[(bytes.length + shift) % 3] ?? 0);
    out.push(encoded.slice(startTrim[shift] ?? 0, end));
  }
  return out;
}

/** Windows accepts these for a command-line flag's dash: hyphen, slash, en dash, em dash, horizontal bar. */
export const WINDASH_CHARS = ['-', '/', '\u2013', '\u2014', '\u2015'] as const;
const isWindash = (c: string) => (WINDASH_CHARS as readonly string[]).includes(c);

/** Every variant of the value with each dash-like character replaced by each of WINDASH_CHARS. */
export function windashVariants(value: SigmaString, maxVariants: number): SigmaString[] | null {
  let variants: SigmaString[] = [{ pieces: [], bytes: value.bytes }];
  for (const piece of value.pieces) {
    if (piece.kind !== 'text') {
      variants = variants.map((variant) => ({ pieces: [...variant.pieces, piece], bytes: value.bytes }));
      continue;
    }
    let texts = [''];
    for (const c of piece.text) {
      texts = isWindash(c) ? texts.flatMap((text) => WINDASH_CHARS.map((dash) => text + dash)) : texts.map((text) => text + c);
      if (texts.length * variants.length > maxVariants) return null;
    }
    variants = variants.flatMap((variant) => texts.map((text) => ({ pieces: [...variant.pieces, { kind: 'text' as const, text }], bytes: value.bytes })));
  }
  return variants;
}
