/**
 * Timestamp parsing without the JS Date parser's locale/time-zone guesses: ISO 8601 (a missing zone means UTC),
 * epoch seconds or milliseconds (number or numeric string), and osquery's calendarTime.
 * `precise` keeps sub-millisecond digits (Zeek/Suricata log microseconds) so dedup keys don't collide.
 */

export type ParsedTime = { date: Date; precise: string };

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|UTC|[+-]\d{2}(?::?\d{2})?)?$/;
const EPOCH = /^([-+]?)(\d+)(?:\.(\d+))?$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// osquery: "Tue Sep 30 17:37:30 2014 UTC"
const CALENDAR = /^(?:[A-Z][a-z]{2} )?([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})(?: (UTC|GMT))?$/;
const MAX_MS = 8.64e15;
// epoch values this large are milliseconds: 1e11 seconds would be the year 5138
const MS_THRESHOLD = 1e11;

export function parseTime(value: unknown): ParsedTime | null {
  if (value instanceof Date) return fromMs(value.getTime(), '');
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    const text = String(value);
    return EPOCH.test(text) ? parseEpochText(text) : fromMs(Math.floor(epochToMs(value)), '');
  }
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (EPOCH.test(text)) return parseEpochText(text);
  return parseIso(text) ?? parseCalendar(text);
}

function epochToMs(n: number): number {
  return Math.abs(n) >= MS_THRESHOLD ? n : n * 1000;
}

function parseEpochText(text: string): ParsedTime | null {
  const m = EPOCH.exec(text);
  if (!m) return null;
  const sign = m[1] === '-' ? -1 : 1;
  const whole = Number(m[2]);
  const frac = m[3] ?? '';
  if (Math.abs(whole) >= MS_THRESHOLD) return fromMs(sign * whole, '');
  const ms = whole * 1000 + Number(frac.slice(0, 3).padEnd(3, '0'));
  return fromMs(sign * ms, sign > 0 ? frac.slice(3) : '');
}

function parseIso(text: string): ParsedTime | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const base = Date.UTC(year, month - 1, day, hour, minute, second, Number(frac.slice(0, 3).padEnd(3, '0')));
  // Date.UTC silently rolls Feb 30 into March: reject instead
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null;
  return fromMs(base - zoneOffsetMinutes(zone) * 60_000, frac.slice(3));
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z' || zone === 'z' || zone === 'UTC') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

function parseCalendar(text: string): ParsedTime | null {
  const m = CALENDAR.exec(text);
  if (!m) return null;
  const [, mon, d, h, mi, s, y] = m;
  const month = MONTHS.indexOf(mon ?? '');
  if (month < 0) return null;
  return parseIso(`${y}-${String(month + 1).padStart(2, '0')}-${(d ?? '').padStart(2, '0')}T${h}:${mi}:${s}Z`);
}

function fromMs(ms: number, subMillisecondDigits: string): ParsedTime | null {
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_MS) return null;
  const date = new Date(ms);
  const iso = date.toISOString();
  const extra = subMillisecondDigits.replace(/0+$/, '');
  return { date, precise: extra ? `${iso.slice(0, -1)}${extra}Z` : iso };
}
