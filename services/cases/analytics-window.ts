import { AppError } from '../../core/errors.ts';
import type { Window } from '../../db/queries/cases-analytics.ts';

const DAY_MS = 24 * 3600 * 1000;

function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${field} ${message}`, { issues: [{ path: field, message }] });
}

/** `since`/`until` for analytics: until defaults to now, since to `defaultDays` before it; at most `maxDays` wide. */
export function analyticsWindow(input: { since?: Date | undefined; until?: Date | undefined }, defaultDays: number, maxDays: number, now = new Date()): Window {
  const until = input.until ?? now;
  const since = input.since ?? new Date(until.getTime() - defaultDays * DAY_MS);
  if (since.getTime() >= until.getTime()) throw invalid('since', 'must be before until');
  if (until.getTime() - since.getTime() > maxDays * DAY_MS) throw invalid('since', `the window is at most ${maxDays} days`);
  return { since, until };
}
