import type { ServiceContext } from '../../core/context.ts';
import type { Executor, OrgId } from '../../core/database.ts';
import { AppError } from '../../core/errors.ts';
import { addSourceFailure, clearSourceFailures, countAccountFailures } from '../../db/repos/login-failures.repo.ts';
import { recordAudit } from './audit.service.ts';

/** Failed logins one source may make for one account before it is throttled for that account. */
export const FAILURES_PER_SOURCE = 5;
/** The window failures are counted in, and so the longest a source waits. */
export const THROTTLE_MINUTES = 15;
/** Failures for one account from all sources in the window beyond which the account is under attack. */
export const ACCOUNT_FAILURE_CEILING = 100;
/** Under attack, each source gets this many failures per window: a distributed guess slows down, the owner still logs in. */
export const FAILURES_PER_SOURCE_UNDER_ATTACK = 1;

export type LoginAttempt = { email: string; sourceIp: string; failures: number; limit: number; accountFailuresBefore: number };

/**
 * Counts the attempt as a failure before the password is checked (a success clears it), so parallel
 * guesses cannot overtake the limit. Answers 429 with Retry-After once this source has used its failures
 * for this account; other sources, the owner's included, are unaffected (ADR 0011).
 */
export async function claimLoginAttempt(db: Executor, email: string, sourceIp: string): Promise<LoginAttempt> {
  const accountFailuresBefore = await countAccountFailures(db, email, THROTTLE_MINUTES);
  const limit = accountFailuresBefore >= ACCOUNT_FAILURE_CEILING ? FAILURES_PER_SOURCE_UNDER_ATTACK : FAILURES_PER_SOURCE;
  // One source counts at most one past the normal limit, so a single hammering address cannot put the account under attack.
  const source = await addSourceFailure(db, email, sourceIp, THROTTLE_MINUTES, FAILURES_PER_SOURCE + 1);
  if (source.failures > limit) {
    throw new AppError('RATE_LIMITED', `Too many failed logins for this account from this address; retry in ${source.retryAfterSeconds} s`, {
      retryAfterSeconds: source.retryAfterSeconds,
    });
  }
  return { email, sourceIp, failures: source.failures, limit, accountFailuresBefore };
}

export function clearLoginFailures(db: Executor, attempt: LoginAttempt): Promise<void> {
  return clearSourceFailures(db, attempt.email, attempt.sourceIp);
}

/** Audits the failure that throttles this source, and the one that puts the account under attack. */
export async function auditThrottling(
  db: Executor,
  ctx: ServiceContext,
  attempt: LoginAttempt,
  account: { orgId: OrgId; userId: string } | null,
  method: string,
): Promise<void> {
  const entry = {
    orgId: account?.orgId ?? null,
    action: 'auth.throttled',
    actor: { type: 'anonymous', id: null },
    ...(account ? { target: { type: 'user', id: account.userId } } : {}),
  };
  if (attempt.failures === attempt.limit) {
    await recordAudit(db, ctx, { ...entry, details: { method, scope: 'source', failures: attempt.failures, minutes: THROTTLE_MINUTES } });
  }
  if (attempt.accountFailuresBefore < ACCOUNT_FAILURE_CEILING && attempt.accountFailuresBefore + 1 >= ACCOUNT_FAILURE_CEILING) {
    await recordAudit(db, ctx, {
      ...entry,
      details: {
        method,
        scope: 'account',
        failures: ACCOUNT_FAILURE_CEILING,
        failures_per_source: FAILURES_PER_SOURCE_UNDER_ATTACK,
        minutes: THROTTLE_MINUTES,
      },
    });
  }
}
