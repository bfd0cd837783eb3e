import type { TokenCursor } from './cursor.ts';
import { wholeWord } from './linear.ts';
import { kqlDatetime } from './quote.ts';

/** A time constraint read from the question: the KQL predicate on TimeGenerated and the range it covers. */
export interface NlTimeConstraint {
  /** The words as understood, e.g. "last 3 days", "today". */
  phrase: string;
  kind: 'relative' | 'calendar' | 'since';
  start: Date;
  end: Date;
  /** The predicate for `| where`, over TimeGenerated. */
  predicate: string;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Unit words → KQL timespan unit and its length; weeks and months are written in days (KQL has no month unit). */
const UNITS: Readonly<Record<string, { unit: 'm' | 'h' | 'd'; perUnit: number; name: string }>> = {
  minute: { unit: 'm', perUnit: 1, name: 'minute' },
  minutes: { unit: 'm', perUnit: 1, name: 'minute' },
  min: { unit: 'm', perUnit: 1, name: 'minute' },
  mins: { unit: 'm', perUnit: 1, name: 'minute' },
  hour: { unit: 'h', perUnit: 1, name: 'hour' },
  hours: { unit: 'h', perUnit: 1, name: 'hour' },
  hr: { unit: 'h', perUnit: 1, name: 'hour' },
  hrs: { unit: 'h', perUnit: 1, name: 'hour' },
  day: { unit: 'd', perUnit: 1, name: 'day' },
  days: { unit: 'd', perUnit: 1, name: 'day' },
  week: { unit: 'd', perUnit: 7, name: 'week' },
  weeks: { unit: 'd', perUnit: 7, name: 'week' },
  month: { unit: 'd', perUnit: 30, name: 'month' },
  months: { unit: 'd', perUnit: 30, name: 'month' },
};
const UNIT_MS = { m: 60_000, h: HOUR_MS, d: DAY_MS } as const;
const SHORT_UNITS: Readonly<Record<string, 'm' | 'h' | 'd'>> = { m: 'm', h: 'h', d: 'd' };

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
};
/** Longest relative window accepted: a year. */
const MAX_RELATIVE_MS = 366 * DAY_MS;
const LAST_WORDS = new Set(['last', 'past', 'previous']);
const LEADING_WORDS = new Set(['in', 'within', 'over', 'during', 'for', 'the']);

const isDigits = wholeWord('[0-9]{1,4}');
const isIsoDate = wholeWord('[0-9]{4}-[0-9]{2}-[0-9]{2}(t[0-9]{2}:[0-9]{2}(:[0-9]{2})?(z|[+-][0-9]{2}:[0-9]{2})?)?');

const startOfDay = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));

function count(word: string | undefined): number | null {
  if (word === undefined) return null;
  if (word in NUMBER_WORDS) return NUMBER_WORDS[word] ?? null;
  if (!isDigits(word)) return null;
  const n = Number(word);
  return n > 0 ? n : null;
}

/** "24h", "7d", "30m" as one word. */
function shorthand(word: string | undefined): { n: number; unit: 'm' | 'h' | 'd' } | null {
  if (word === undefined || word.length < 2) return null;
  const unit = SHORT_UNITS[word.slice(-1)];
  const n = count(word.slice(0, -1));
  return unit && n !== null && isDigits(word.slice(0, -1)) ? { n, unit } : null;
}

function relative(n: number, unit: 'm' | 'h' | 'd', now: Date, phrase: string): NlTimeConstraint | null {
  const ms = n * UNIT_MS[unit];
  if (ms > MAX_RELATIVE_MS) return null;
  return { phrase, kind: 'relative', start: new Date(now.getTime() - ms), end: now, predicate: `TimeGenerated > ago(${n}${unit})` };
}

function calendar(phrase: string, start: Date, end: Date, now: Date): NlTimeConstraint {
  const predicate =
    end.getTime() === now.getTime()
      ? `TimeGenerated >= ${kqlDatetime(start)}`
      : `TimeGenerated >= ${kqlDatetime(start)} and TimeGenerated < ${kqlDatetime(end)}`;
  return { phrase, kind: 'calendar', start, end, predicate };
}

/** Claims "in the", "within the", "over the" before a time phrase. */
function claimLeading(cursor: TokenCursor, index: number): void {
  let at = index - 1;
  while (at >= 0 && LEADING_WORDS.has(cursor.word(at) ?? '')) cursor.claim(at--);
}

/** "last/past/previous [N] unit" and "last 24h" at `index`; the number of words read, with the constraint. */
function lastWindow(cursor: TokenCursor, index: number, now: Date): { read: number; time: NlTimeConstraint } | null {
  const next = cursor.word(index + 1);
  const short = shorthand(next);
  if (short) {
    const time = relative(short.n, short.unit, now, `last ${short.n}${short.unit}`);
    return time ? { read: 2, time } : null;
  }
  const n = count(next);
  const unitWord = n === null ? next : cursor.word(index + 2);
  const unit = unitWord === undefined ? undefined : UNITS[unitWord];
  if (!unit) return null;
  const amount = (n ?? 1) * unit.perUnit;
  const phraseCount = n ?? 1;
  const time = relative(amount, unit.unit, now, `last ${phraseCount} ${unit.name}${phraseCount === 1 ? '' : 's'}`);
  return time ? { read: n === null ? 2 : 3, time } : null;
}

/** A calendar date `YYYY-MM-DD`, optionally with a time and Z/offset, as written after "since". */
function isoDate(word: string | undefined): Date | null {
  if (word === undefined || !isIsoDate(word)) return null;
  const upper = word.toUpperCase();
  const zoned = upper.endsWith('Z') || upper.includes('+') || upper.lastIndexOf('-') > 10;
  const at = new Date(word.length === 10 ? `${word}T00:00:00Z` : zoned ? upper : `${upper}Z`);
  return Number.isNaN(at.getTime()) ? null : at;
}

function named(cursor: TokenCursor, index: number, now: Date): { read: number; time: NlTimeConstraint } | null {
  const word = cursor.word(index);
  const today = startOfDay(now);
  if (word === 'today') return { read: 1, time: calendar('today', today, now, now) };
  if (word === 'yesterday') return { read: 1, time: calendar('yesterday', new Date(today.getTime() - DAY_MS), today, now) };
  if (word === 'this' && cursor.word(index + 1) === 'week') {
    // Sunday, as KQL's startofweek()
    return { read: 2, time: calendar('this week', new Date(today.getTime() - today.getUTCDay() * DAY_MS), now, now) };
  }
  if (word === 'this' && cursor.word(index + 1) === 'month') {
    return { read: 2, time: calendar('this month', new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), now, now) };
  }
  if (word === 'since') {
    const next = cursor.word(index + 1);
    if (next === 'yesterday') return { read: 2, time: { ...calendar('since yesterday', new Date(today.getTime() - DAY_MS), now, now), kind: 'since' } };
    const at = isoDate(next);
    if (at && at.getTime() < now.getTime()) return { read: 2, time: { ...calendar(`since ${next}`, at, now, now), kind: 'since' } };
  }
  return null;
}

/** The first time constraint in the question, its words claimed; null when there is none. */
export function recogniseTime(cursor: TokenCursor, now: Date): NlTimeConstraint | null {
  for (let index = 0; index < cursor.length; index++) {
    const word = cursor.word(index);
    if (word === undefined) continue;
    const found = LAST_WORDS.has(word) ? lastWindow(cursor, index, now) : named(cursor, index, now);
    if (found) {
      cursor.claim(index, found.read);
      claimLeading(cursor, index);
      return found.time;
    }
  }
  return null;
}
