import type { Executor } from '../../core/database.ts';
import { AppError } from '../../core/errors.ts';
import { hitRateWindow } from '../../db/repos/rate-limit-windows.repo.ts';

export type RateLimit = { key: string; limit: number; windowSeconds: number; what: string };

/**
 * Fixed-window counter kept in PostgreSQL, so every API process shares it. Throws RATE_LIMITED with
 * the seconds until the window turns over.
 */
export async function enforceRateLimit(db: Executor, rule: RateLimit, now = new Date()): Promise<void> {
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const hits = await hitRateWindow(db, rule.key, windowStart);
  if (hits > rule.limit) {
    const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
    throw new AppError('RATE_LIMITED', `Too many ${rule.what}; retry in ${retryAfterSeconds} s`, { retryAfterSeconds });
  }
}
