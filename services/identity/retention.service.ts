import type { Executor } from '../../core/database.ts';
import { deleteRateWindowsBefore } from '../../db/repos/rate-limit-windows.repo.ts';
import { deleteExpiredSessions } from '../../db/repos/sessions.repo.ts';

/** Expired sessions and rate-limit windows older than an hour (the longest window) are of no further use. */
export async function pruneExpiredSessionsAndWindows(db: Executor, now = new Date()): Promise<{ sessions: number; windows: number }> {
  const sessions = await deleteExpiredSessions(db);
  const windows = await deleteRateWindowsBefore(db, new Date(now.getTime() - 3600_000));
  return { sessions, windows };
}
