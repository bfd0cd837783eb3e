import type { Schema } from '../check/types.ts';

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** A timespan in Kusto's text form: `[-][d.]hh:mm:ss[.fffffff]`. */
export function formatTimespan(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const ticks = Math.round(Math.abs(ms) * 10_000);
  const totalSeconds = Math.floor(ticks / 10_000_000);
  const fraction = ticks % 10_000_000;
  const days = Math.floor(totalSeconds / 86_400);
  const clock = `${pad(Math.floor((totalSeconds % 86_400) / 3600))}:${pad(Math.floor((totalSeconds % 3600) / 60))}:${pad(totalSeconds % 60)}`;
  return `${sign}${days > 0 ? `${days}.` : ''}${clock}${fraction > 0 ? `.${pad(fraction, 7)}` : ''}`;
}

/** A row as the route returns it: datetimes ISO 8601, timespans Kusto text, numbers as numbers, dynamic as JSON. */
export function formatRow(row: Record<string, unknown>, columns: Schema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const column of columns) {
    const value = row[column.name];
    if (value === null || value === undefined) {
      out[column.name] = column.type === 'string' ? '' : null;
      continue;
    }
    switch (column.type) {
      case 'datetime':
        out[column.name] = value instanceof Date ? value.toISOString() : String(value);
        break;
      case 'timespan':
        out[column.name] = formatTimespan(Number(value));
        break;
      case 'decimal':
      case 'long':
      case 'int':
      case 'real':
        out[column.name] = typeof value === 'string' ? Number(value) : value;
        break;
      default:
        out[column.name] = value;
    }
  }
  return out;
}
