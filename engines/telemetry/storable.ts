import { sha256Hex } from './hash.ts';

/**
 * What a PostgreSQL row can hold, applied once to every event in buildEvent (README "Text PostgreSQL cannot hold").
 * text, json and jsonb cannot hold U+0000, and jsonb refuses an unpaired UTF-16 surrogate ("\ud800"): both become
 * U+FFFD, in model fields, attribute and raw keys and values alike, so the rest of the evidence is stored.
 * Dedup keys are computed before this, from the record as received.
 */

const REPLACEMENT = '\uFFFD';

export function storableText(text: string): string {
  if (!text.includes('\u0000') && text.isWellFormed()) return text;
  return text.replaceAll('\u0000', REPLACEMENT).toWellFormed();
}

export function storableTextOrNull(text: string | null | undefined): string | null {
  return text === null || text === undefined ? null : storableText(text);
}

/** A JSON-like value with every string, object key included, made storable; unchanged parts are shared, not copied. */
export function storableJson(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (Array.isArray(value)) {
    const items = value.map(storableJson);
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  let changed = false;
  const entries = Object.entries(value).map(([key, item]) => {
    const entry = [storableText(key), storableJson(item)] as const;
    if (entry[0] !== key || entry[1] !== item) changed = true;
    return entry;
  });
  // fromEntries defines own properties, so a "__proto__" key stays data and never becomes a prototype
  return changed ? Object.fromEntries(entries) : value;
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
