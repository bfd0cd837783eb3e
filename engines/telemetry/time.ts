/**
 * Timestamp parsing without the JS Date parser's locale/time-zone guesses (the accepted forms are listed in
 * README.md, "Times"): ISO 8601, epoch seconds or milliseconds (number or numeric string), osquery's calendarTime.
 * Only storable instants are returned; `readTime` tells a time out of range from text that is no time at all.
 * `precise` keeps sub-millisecond digits (Zeek/Suricata log microseconds) so dedup keys don't collide.
 */

export type ParsedTime = { date: Date; precise: string };
export type TimeProblem = 'invalid_timestamp' | 'timestamp_out_of_range';

// years: 4 digits, or longer/signed (toISOString's "+275760-…") so that they are reported as out of range;
// zone: Z, UTC, GMT, ±hh[[:]mm], or none (= UTC); Python's `isoformat() + "Z"` adds a Z after the offset
const ISO = /^([+-]?\d{4,6})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?[Zz]?)?$/;
const EPOCH = /^([-+]?)(\d+)(?:\.(\d+))?$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// osquery: "Tue Sep 30 17:37:30 2014 UTC"
const CALENDAR = /^(?:[A-Z][a-z]{2} )?([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})(?: (UTC|GMT))?$/;
// epoch values this large are milliseconds: 1e11 seconds would be the year 5138, 1e11 ms is 1973-03-03
const MS_THRESHOLD = 1e11;

/**
 * Storable instants: 0001-01-01T00:00:00Z to 9999-12-30T23:59:59.999Z. Year 0000 is refused (PostgreSQL reads
 * "0000-…" as out of range, and ISO's 0000 is 1 BC). The last day of 9999 is refused too: its day partition
 * would end at 10000-01-01, which toISOString writes "+010000-01-01…" and PostgreSQL cannot read back.
 */
export const FIRST_STORABLE_MS = -62_135_596_800_000;
export const LAST_STORABLE_MS = 253_402_214_399_999;

export function parseTime(value: unknown): ParsedTime | null {
  const result = readTime(value);
  return typeof result === 'string' ? null : result;
}

/** Like parseTime, but says why a value was refused. */
export function readTime(value: unknown): ParsedTime | TimeProblem {
  if (value instanceof Date) return fromMs(value.getTime(), '');
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'invalid_timestamp';
    const text = String(value);
    return EPOCH.test(text) ? parseEpochText(text) : fromMs(Math.floor(epochToMs(value)), '');
  }
  if (typeof value !== 'string') return 'invalid_timestamp';
  const text = value.trim();
  if (EPOCH.test(text)) return parseEpochText(text);
  return parseIso(text) ?? parseCalendar(text) ?? 'invalid_timestamp';
}

function epochToMs(n: number): number {
  return Math.abs(n) >= MS_THRESHOLD ? n : n * 1000;
}

function parseEpochText(text: string): ParsedTime | TimeProblem {
  const m = EPOCH.exec(text);
  if (!m) return 'invalid_timestamp';
  const sign = m[1] === '-' ? -1 : 1;
  const whole = Number(m[2]);
  const frac = m[3] ?? '';
  if (Math.abs(whole) >= MS_THRESHOLD) return fromMs(sign * whole, '');
  const ms = whole * 1000 + Number(frac.slice(0, 3).padEnd(3, '0'));
  return fromMs(sign * ms, sign > 0 ? frac.slice(3) : '');
}

function parseIso(text: string): ParsedTime | TimeProblem | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return 'invalid_timestamp';
  const date = new Date(0);
  // not Date.UTC: it reads the years 0–99 as 1900–1999
  date.setUTCFullYear(Number(y), month - 1, day);
  // a year beyond what Date can hold (±275760) is a time, just not a storable one
  if (Number.isNaN(date.getTime())) return 'timestamp_out_of_range';
  // setUTCFullYear silently rolls Feb 30 into March: reject instead
  if (date.getUTCDate() !== day) return 'invalid_timestamp';
  date.setUTCHours(hour, minute, second, Number(frac.slice(0, 3).padEnd(3, '0')));
  if (Number.isNaN(date.getTime())) return 'timestamp_out_of_range';
  return fromMs(date.getTime() - zoneOffsetMinutes(zone) * 60_000, frac.slice(3));
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (zone === undefined || !/^[+-]/.test(zone)) return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  // "+00:00Z": the offset is the sender's real one, the Z was appended blindly (Python isoformat() + "Z")
  const digits = zone.slice(1).replace(/[:Zz]/g, '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

function parseCalendar(text: string): ParsedTime | TimeProblem | null {
  const m = CALENDAR.exec(text);
  if (!m) return null;
  const [, mon, d, h, mi, s, y] = m;
  const month = MONTHS.indexOf(mon ?? '');
  if (month < 0) return null;
  return parseIso(`${y}-${String(month + 1).padStart(2, '0')}-${(d ?? '').padStart(2, '0')}T${h}:${mi}:${s}Z`);
}

function fromMs(ms: number, subMillisecondDigits: string): ParsedTime | TimeProblem {
  if (Number.isNaN(ms)) return 'invalid_timestamp';
  if (!(ms >= FIRST_STORABLE_MS && ms <= LAST_STORABLE_MS)) return 'timestamp_out_of_range';
  const date = new Date(ms);
  const iso = date.toISOString();
  const extra = subMillisecondDigits.replace(/0+$/, '');
  return { date, precise: extra ? `${iso.slice(0, -1)}${extra}Z` : iso };
}
