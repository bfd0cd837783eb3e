import type { ServiceContext } from '../../core/context.ts';
import { type OrgId, unsafeMintOrgId } from '../../core/database.ts';
import { AppError } from '../../core/errors.ts';
import { recordFailedLogin, recordSuccessfulLogin, type UserRow } from '../../db/repos/users.repo.ts';
import { unsafeFindUserByEmail } from '../../db/unsafe/credentials.repo.ts';
import { recordAudit } from './audit.service.ts';
import { burnPasswordCheck, verifyPassword } from './passwords.ts';
import { enforceRateLimit } from './rate-limit.service.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
const INVALID_CREDENTIALS = 'Incorrect email or password';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The one password check behind both login routes: rate limits per IP and per email, lockout after
 * five failures for fifteen minutes, and the same answer (and similar timing) for an unknown email,
 * a wrong password, a locked or a disabled account. Every attempt is audited.
 */
export async function authenticateWithPassword(ctx: ServiceContext, method: string, rawEmail: string, password: string): Promise<UserRow> {
  const { db, config } = ctx.deps;
  const email = normaliseEmail(rawEmail);
  await enforceRateLimit(db, { key: `login:ip:${ctx.ip}`, limit: config.AUTH_LOGIN_LIMIT_PER_IP, windowSeconds: 60, what: 'login attempts from this address' });
  await enforceRateLimit(db, {
    key: `login:email:${email}`,
    limit: config.AUTH_LOGIN_LIMIT_PER_EMAIL,
    windowSeconds: 60,
    what: 'login attempts for this account',
  });

  const user = await unsafeFindUserByEmail(db, email);
  if (!user) {
    await burnPasswordCheck(password);
    await recordAudit(db, ctx, {
      orgId: null,
      action: 'auth.login',
      actor: { type: 'anonymous', id: null },
      outcome: 'failure',
      details: { method, reason: 'unknown_email' },
    });
    throw new AppError('UNAUTHENTICATED', INVALID_CREDENTIALS);
  }
  const orgId = unsafeMintOrgId(user.org_id);
  const passwordOk = await verifyPassword(user.password_hash, password);
  const locked = user.locked_until !== null && user.locked_until.getTime() > Date.now();
  if (!passwordOk || locked || !user.is_active) {
    await failLogin(ctx, orgId, user, method, !passwordOk ? 'wrong_password' : locked ? 'locked' : 'inactive');
    throw new AppError('UNAUTHENTICATED', INVALID_CREDENTIALS);
  }
  await db.transaction().execute(async (trx) => {
    await recordSuccessfulLogin(trx, orgId, user.id);
    await recordAudit(trx, ctx, { orgId, action: 'auth.login', actor: { type: 'user', id: user.id }, details: { method } });
  });
  return user;
}

async function failLogin(ctx: ServiceContext, orgId: OrgId, user: UserRow, method: string, reason: string): Promise<void> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const actor = { type: 'user', id: user.id };
    const updated = reason === 'wrong_password' ? await recordFailedLogin(trx, orgId, user.id, MAX_FAILED_LOGINS, LOCKOUT_MINUTES) : user;
    await recordAudit(trx, ctx, { orgId, action: 'auth.login', actor, outcome: 'failure', details: { method, reason } });
    if (reason === 'wrong_password' && updated?.failed_login_attempts === MAX_FAILED_LOGINS) {
      await recordAudit(trx, ctx, { orgId, action: 'auth.lockout', actor, target: { type: 'user', id: user.id }, details: { minutes: LOCKOUT_MINUTES } });
    }
  });
}
