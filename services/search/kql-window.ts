import { AppError } from '../../core/errors.ts';

const DAY_MS = 86_400_000;
export const KQL_DEFAULT_WINDOW_MS = DAY_MS;
export const KQL_MAX_WINDOW_MS = 31 * DAY_MS;

function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${field} ${message}`, { issues: [{ path: field, message }] });
}

/**
 * The range every table's time column is bounded by: the last 24 h by default, at most 31 days (the events list
 * policy). Without end_time the range ends at `latest` (the latest event time ingest accepts), so events of a sensor
 * whose clock runs ahead are still found.
 */
export function kqlWindow(input: { startTime?: Date | undefined; endTime?: Date | undefined }, latest: Date, now = new Date()): { start: Date; end: Date } {
  const end = input.endTime ?? latest;
  const start = input.startTime ?? new Date((input.endTime ?? now).getTime() - KQL_DEFAULT_WINDOW_MS);
  if (start.getTime() >= end.getTime()) throw invalid('start_time', 'must be before end_time');
  if ((input.endTime ?? now).getTime() - start.getTime() > KQL_MAX_WINDOW_MS) throw invalid('start_time', 'the window is at most 31 days');
  return { start, end };
}

/** A range a caller already chose (and validated for its own route): still never reversed and at most 31 days. */
export function explicitKqlWindow(start: Date, end: Date): { start: Date; end: Date } {
  if (start.getTime() > end.getTime()) throw invalid('start_time', 'must not be after end_time');
  if (end.getTime() - start.getTime() > KQL_MAX_WINDOW_MS) throw invalid('start_time', 'the window is at most 31 days');
  return { start, end };
}
