import type { OrgServiceContext, ServiceContext } from '../../core/context.ts';
import { enforceRateLimit } from './rate-limit.service.ts';

// Creating a user or an organisation answers 409 for an email that exists anywhere (emails are global),
// so these routes are also an oracle for other organisations' accounts: every attempt counts.

/** User creations and invitations one caller (user or API key) may attempt per hour. */
export const USER_CREATIONS_PER_CALLER_PER_HOUR = 30;
/** Registrations one address may attempt per hour (AUTH_LOGIN_LIMIT_PER_IP still caps each minute). */
export const REGISTRATIONS_PER_IP_PER_HOUR = 20;

/** POST /users and POST /api/auth/invite: per caller per hour, and per address per minute. */
export async function limitUserCreation(ctx: OrgServiceContext): Promise<void> {
  const { db, config } = ctx.deps;
  await enforceRateLimit(db, {
    key: `user-create:ip:${ctx.ip ?? 'unknown'}`,
    limit: config.AUTH_LOGIN_LIMIT_PER_IP,
    windowSeconds: 60,
    what: 'user creations from this address',
  });
  await enforceRateLimit(db, {
    key: `user-create:${ctx.principal.actorType}:${ctx.principal.actorId}`,
    limit: USER_CREATIONS_PER_CALLER_PER_HOUR,
    windowSeconds: 3600,
    what: 'user creations and invitations by this caller',
  });
}

/** POST /api/auth/register: per address per minute and per hour. */
export async function limitRegistration(ctx: ServiceContext): Promise<void> {
  const { db, config } = ctx.deps;
  const ip = ctx.ip ?? 'unknown';
  await enforceRateLimit(db, {
    key: `register:ip:${ip}`,
    limit: config.AUTH_LOGIN_LIMIT_PER_IP,
    windowSeconds: 60,
    what: 'registration attempts from this address',
  });
  await enforceRateLimit(db, {
    key: `register:ip-hour:${ip}`,
    limit: REGISTRATIONS_PER_IP_PER_HOUR,
    windowSeconds: 3600,
    what: 'registration attempts from this address',
  });
}
