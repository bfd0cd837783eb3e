import type { Executor } from '../../core/database.ts';
import { deleteLoginFailuresBefore } from '../../db/repos/login-failures.repo.ts';
import { deleteRateWindowsBefore } from '../../db/repos/rate-limit-windows.repo.ts';
import { deleteExpiredSessions } from '../../db/repos/sessions.repo.ts';
import { THROTTLE_MINUTES } from './login-throttle.service.ts';

/**
 * Expired sessions, rate-limit windows older than an hour (the longest window) and login failures whose
 * throttling window has passed are of no further use.
 */
export async function pruneExpiredSessionsAndWindows(db: Executor, now = new Date()): Promise<{ sessions: number; windows: number; loginFailures: number }> {
  const sessions = await deleteExpiredSessions(db);
  const windows = await deleteRateWindowsBefore(db, new Date(now.getTime() - 3600_000));
  const loginFailures = await deleteLoginFailuresBefore(db, new Date(now.getTime() - THROTTLE_MINUTES * 60_000));
  return { sessions, windows, loginFailures };
}
