import { createHash } from 'node:crypto';

/**
 * Columns that name a stored object: a row carrying one is that object, whatever else the query projected or computed
 * beside it (Vigil's catalogue names and EventSec's legacy ones).
 */
const IDENTITY_COLUMNS = ['EventId', 'AlertId', 'IncidentId', 'event_id', 'alert_id', 'incident_id'] as const;

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/** JSON with object keys sorted at every depth, so equal rows hash equally whatever the column order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  return JSON.stringify(value) ?? 'null';
}

/**
 * The identity of a result row across runs: its object ids when it has any (an event seen again is the same finding),
 * else its whole content (an aggregate row is the same finding only while its values are the same).
 */
export function rowKey(row: Readonly<Record<string, unknown>>): string {
  const ids = IDENTITY_COLUMNS.filter((column) => row[column] !== undefined && row[column] !== null).map((column) => [column, row[column]]);
  return ids.length > 0 ? `id:${digest(canonicalJson(ids))}` : `row:${digest(canonicalJson(row))}`;
}

/** One key for a set of rows (order-free): the fingerprint of the alert they raise. */
export function rowSetDigest(keys: readonly string[]): string {
  return digest([...new Set(keys)].sort().join('\n'));
}
