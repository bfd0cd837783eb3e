import type { ServiceContext } from '../../core/context.ts';
import { unsafeMintOrgId } from '../../core/database.ts';
import { AppError } from '../../core/errors.ts';
import { recordSuccessfulLogin, type UserRow } from '../../db/repos/users.repo.ts';
import { unsafeFindUserByEmail } from '../../db/unsafe/credentials.repo.ts';
import { recordAudit } from './audit.service.ts';
import { auditThrottling, claimLoginAttempt, clearLoginFailures, type LoginAttempt } from './login-throttle.service.ts';
import { burnPasswordCheck, verifyPassword } from './passwords.ts';
import { enforceRateLimit } from './rate-limit.service.ts';

const INVALID_CREDENTIALS = 'Incorrect email or password';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The one password check behind both login routes: rate limits per IP and per (email, IP), failures
 * throttled per (account, source) rather than locking the account (ADR 0011), and the same answer (and
 * similar timing) for an unknown email, a wrong password or a disabled account. Every attempt is audited.
 */
export async function authenticateWithPassword(ctx: ServiceContext, method: string, rawEmail: string, password: string): Promise<UserRow> {
  const { db, config } = ctx.deps;
  const email = normaliseEmail(rawEmail);
  const sourceIp = ctx.ip ?? 'unknown';
  await enforceRateLimit(db, {
    key: `login:ip:${sourceIp}`,
    limit: config.AUTH_LOGIN_LIMIT_PER_IP,
    windowSeconds: 60,
    what: 'login attempts from this address',
  });
  await enforceRateLimit(db, {
    key: `login:email-ip:${email}|${sourceIp}`,
    limit: config.AUTH_LOGIN_LIMIT_PER_EMAIL,
    windowSeconds: 60,
    what: 'login attempts for this account from this address',
  });
  const attempt = await claimLoginAttempt(db, email, sourceIp);

  const user = await unsafeFindUserByEmail(db, email);
  if (!user) {
    await burnPasswordCheck(password);
    await failLogin(ctx, attempt, null, method, 'unknown_email');
    throw new AppError('UNAUTHENTICATED', INVALID_CREDENTIALS);
  }
  const passwordOk = await verifyPassword(user.password_hash, password);
  if (!passwordOk || !user.is_active) {
    await failLogin(ctx, attempt, user, method, !passwordOk ? 'wrong_password' : 'inactive');
    throw new AppError('UNAUTHENTICATED', INVALID_CREDENTIALS);
  }
  const orgId = unsafeMintOrgId(user.org_id);
  await db.transaction().execute(async (trx) => {
    await clearLoginFailures(trx, attempt);
    await recordSuccessfulLogin(trx, orgId, user.id);
    await recordAudit(trx, ctx, { orgId, action: 'auth.login', actor: { type: 'user', id: user.id }, details: { method } });
  });
  return user;
}

async function failLogin(ctx: ServiceContext, attempt: LoginAttempt, user: UserRow | null, method: string, reason: string): Promise<void> {
  const account = user ? { orgId: unsafeMintOrgId(user.org_id), userId: user.id } : null;
  await ctx.deps.db.transaction().execute(async (trx) => {
    await recordAudit(trx, ctx, {
      orgId: account?.orgId ?? null,
      action: 'auth.login',
      actor: account ? { type: 'user', id: account.userId } : { type: 'anonymous', id: null },
      outcome: 'failure',
      details: { method, reason },
    });
    await auditThrottling(trx, ctx, attempt, account, method);
  });
}
