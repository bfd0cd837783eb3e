/** Small, total accessors for untrusted JSON records. */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads `a.b.c` from a record whether it is stored flat (`{"a.b.c": 1}`, Zeek's default), nested
 * (`{a: {b: {c: 1}}}`) or mixed (`{a: {"b.c": 1}}`).
 */
export function getPath(record: unknown, path: string): unknown {
  if (!isObject(record)) return undefined;
  if (path in record) return record[path];
  const dot = path.indexOf('.');
  if (dot < 0) return undefined;
  // try every split point so "id.orig_h" finds {id: {orig_h}} and "a.b.c" finds {"a.b": {c}}
  for (let i = dot; i >= 0; i = path.indexOf('.', i + 1)) {
    const head = path.slice(0, i);
    if (head in record) {
      const found = getPath(record[head], path.slice(i + 1));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** First non-empty value among several candidate paths. */
export function pick(record: unknown, ...paths: string[]): unknown {
  for (const path of paths) {
    const value = getPath(record, path);
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

export function str(value: unknown): string | null {
  if (typeof value === 'string') return value.length > 0 ? value : null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  return null;
}

export function pickStr(record: unknown, ...paths: string[]): string | null {
  for (const path of paths) {
    const value = str(getPath(record, path));
    if (value !== null) return value;
  }
  return null;
}

export function num(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '' && /^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value.trim())) {
    return Number(value.trim());
  }
  return null;
}

export function pickNum(record: unknown, ...paths: string[]): number | null {
  for (const path of paths) {
    const value = num(getPath(record, path));
    if (value !== null) return value;
  }
  return null;
}

export function bool(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'T' || value === 1) return true;
  if (value === 'false' || value === 'F' || value === 0) return false;
  return null;
}

export function strArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(str).filter((v): v is string => v !== null);
  const single = str(value);
  return single === null ? [] : [single];
}

/** Drops undefined/null/empty-string entries so attributes only carry what the record really had. */
export function compact(attributes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return out;
}

/** Copies every key not in `consumed` (used for sources whose extras are small and useful, e.g. Cowrie). */
export function extras(record: JsonObject, consumed: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (!consumed.has(key)) out[key] = value;
  }
  return out;
}
