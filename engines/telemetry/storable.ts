import { sha256Hex } from './hash.ts';

/**
 * What a PostgreSQL row can hold, applied once to every event in buildEvent (README "Text PostgreSQL cannot hold").
 * text cannot hold U+0000; jsonb refuses it even escaped ("\u0000"), and an unpaired UTF-16 surrogate ("\ud800") too.
 * Both become U+FFFD in model fields and attributes. In `raw` (a json column, kept as evidence) a NUL becomes the
 * visible six-character text `\u0000` instead, so an analyst sees what was sent; a lone surrogate becomes U+FFFD.
 * Dedup keys are computed before this, from the record as received.
 */

const REPLACEMENT = '\uFFFD';
/** In the raw record a NUL is shown, not replaced: the text `\u0000`. */
export const RAW_NUL = '\\u0000';

export function storableText(text: string, nul = REPLACEMENT): string {
  return isStorableText(text) ? text : text.replaceAll('\u0000', nul).toWellFormed();
}

export function storableTextOrNull(text: string | null | undefined): string | null {
  return text === null || text === undefined ? null : storableText(text);
}

/** A JSON-like value with every string, object keys included, made storable; a clean value is returned as is. */
export function storableJson(value: unknown, nul = REPLACEMENT): unknown {
  // one read-only pass first: nearly every record is clean, and this runs on every event
  return isStorable(value) ? value : cleaned(value, nul);
}

function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && text.isWellFormed();
}

function isStorable(value: unknown): boolean {
  if (typeof value === 'string') return isStorableText(value);
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every(isStorable);
  for (const key in value) {
    if (!isStorableText(key) || !isStorable((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function cleaned(value: unknown, nul: string): unknown {
  if (typeof value === 'string') return storableText(value, nul);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((item) => cleaned(item, nul));
  // fromEntries defines own properties, so a "__proto__" key stays data and never becomes a prototype
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [storableText(key, nul), cleaned(item, nul)]));
}

/**
 * Host, user, session and sensor names feed indexed columns downstream (detection entities, alert fingerprints):
 * a btree entry must stay under ~2.7 kB. Longer names keep their start plus a hash of the whole, so two long
 * names stay distinct; the full value stays in `raw`.
 */
export const MAX_IDENTIFIER_CHARS = 256;
const HASH_CHARS = 16;

export function boundedIdentifier(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  if (text.length <= MAX_IDENTIFIER_CHARS) return storableText(text);
  const head = text.slice(0, MAX_IDENTIFIER_CHARS - HASH_CHARS - 1);
  return storableText(`${head}…${sha256Hex(text).slice(0, HASH_CHARS)}`);
}
