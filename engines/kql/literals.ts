/** Milliseconds per timespan unit, as KQL spells the suffixes (`1d`, `30m`, `100ms`, `1tick`). */
export const TIMESPAN_UNITS: Record<string, number> = {
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  m: 60_000,
  min: 60_000,
  minute: 60_000,
  minutes: 60_000,
  s: 1000,
  sec: 1000,
  second: 1000,
  seconds: 1000,
  ms: 1,
  milli: 1,
  millis: 1,
  millisec: 1,
  millisecond: 1,
  milliseconds: 1,
  microsec: 0.001,
  microsecond: 0.001,
  microseconds: 0.001,
  tick: 0.0001,
  ticks: 0.0001,
};

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Epoch milliseconds of a `datetime(...)` literal's text (ISO 8601 or RFC 822/1123), or null when it is not a date. */
export function parseDatetimeText(raw: string): number | null {
  const iso = ISO.exec(raw);
  if (iso) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = iso;
    let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Math.round(Number(`0.${frac || '0'}`) * 1000));
    if (zone && zone.toUpperCase() !== 'Z') {
      const sign = zone.startsWith('-') ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
    }
    return Number.isNaN(ms) ? null : ms;
  }
  if (!/^[\w\s,:./+-]+$/.test(raw) || !/\d/.test(raw)) return null;
  const parsed = Date.parse(/(gmt|utc|z|[+-]\d{4})$/i.test(raw) ? raw : `${raw} GMT`);
  return Number.isNaN(parsed) ? null : parsed;
}

const CLOCK = /^([+-])?(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/;
const WITH_UNIT = /^([+-]?\d*\.?\d+)\s*([a-z]+)?$/i;

/** Milliseconds of a `time(...)`/`timespan(...)` literal's text: `1h`, `1.02:03:04`, `00:10:00`, `2` (days). */
export function parseTimespanText(raw: string): number | null {
  const clock = CLOCK.exec(raw);
  if (clock) {
    const [, sign, days = '0', h, m, s = '0', frac = ''] = clock;
    const ms = ((Number(days) * 24 + Number(h)) * 60 + Number(m)) * 60_000 + Number(s) * 1000 + Math.round(Number(`0.${frac || '0'}`) * 1000);
    return sign === '-' ? -ms : ms;
  }
  const unit = WITH_UNIT.exec(raw);
  if (!unit) return null;
  const factor = unit[2] === undefined ? TIMESPAN_UNITS.d : TIMESPAN_UNITS[unit[2].toLowerCase()];
  return factor === undefined ? null : Math.round(Number(unit[1]) * factor);
}
