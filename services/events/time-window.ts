import { AppError } from '../../core/errors.ts';
import type { TimeRange } from '../../db/repos/events.repo.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
export const DEFAULT_WINDOW_MS = DAY_MS;
export const MAX_WINDOW_MS = 31 * DAY_MS;

function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${field} ${message}`, { issues: [{ path: field, message }] });
}

/**
 * An absolute window for list queries: the last 24 h by default, at most 31 days. Without end_time the
 * window ends at `latest` (the latest event time ingest accepts), so events from a sensor whose clock runs
 * ahead still show while the query stays bounded and prunes partitions.
 */
export function absoluteWindow(input: { start?: Date | undefined; end?: Date | undefined }, latest: Date, now = new Date()): TimeRange {
  const end = input.end ?? null;
  const from = input.start ?? new Date((end ?? now).getTime() - DEFAULT_WINDOW_MS);
  if (end !== null && from.getTime() >= end.getTime()) throw invalid('start_time', 'must be before end_time');
  if ((end ?? now).getTime() - from.getTime() > MAX_WINDOW_MS) throw invalid('start_time', 'the window is at most 31 days');
  return { from, to: end ?? latest };
}

const UNIT_MS: Readonly<Record<string, number>> = { m: MINUTE_MS, h: HOUR_MS, d: DAY_MS };

/**
 * EventSec's `time_range=<n>m|h|d` or `since_ms=<epoch ms>`, back from now; 24 h when neither is sent. The
 * window ends at `latest` (the latest event time ingest accepts).
 */
export function relativeWindow(input: { timeRange?: string | undefined; sinceMs?: number | undefined }, latest: Date, now = new Date()): TimeRange {
  if (input.timeRange !== undefined && input.sinceMs !== undefined) throw invalid('time_range', 'cannot be combined with since_ms');
  let span = DEFAULT_WINDOW_MS;
  if (input.timeRange !== undefined) {
    const match = /^(\d{1,6})([mhd])$/.exec(input.timeRange);
    const unit = match?.[2] === undefined ? undefined : UNIT_MS[match[2]];
    if (!match || unit === undefined || Number(match[1]) === 0) throw invalid('time_range', "must look like '15m', '24h' or '7d'");
    span = Number(match[1]) * unit;
  } else if (input.sinceMs !== undefined) {
    span = now.getTime() - input.sinceMs;
    if (span <= 0) throw invalid('since_ms', 'must be in the past');
  }
  if (span > MAX_WINDOW_MS) throw invalid(input.timeRange !== undefined ? 'time_range' : 'since_ms', 'reaches back more than 31 days');
  return { from: new Date(now.getTime() - span), to: latest };
}
