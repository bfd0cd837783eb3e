import type { ServiceContext } from '../../core/context.ts';
import { unsafeMintOrgId } from '../../core/database.ts';
import { authenticateWithPassword } from './password-login.service.ts';
import { createSession } from './sessions.service.ts';
import type { LoginResponse } from './token-pair.dto.ts';
import { issueTokenPair } from './token-pair.service.ts';
import { toUserProfile, type UserProfile } from './user.dto.ts';
import { orgSlugOf } from './users.service.ts';

export type SessionLogin = { token: string; ttlSeconds: number; user: UserProfile; mustChangePassword: boolean };

/** EventSec login: a session whose token the caller sets as the cookie. */
export async function loginWithSession(ctx: ServiceContext, email: string, password: string): Promise<SessionLogin> {
  const user = await authenticateWithPassword(ctx, 'session', email, password);
  const orgId = unsafeMintOrgId(user.org_id);
  const ttlSeconds = ctx.deps.config.AUTH_SESSION_TTL_SECONDS;
  const session = await createSession(ctx.deps.db, orgId, user.id, ttlSeconds);
  const slug = await orgSlugOf(ctx.deps.db, orgId);
  return { token: session.token, ttlSeconds, user: toUserProfile(user, slug), mustChangePassword: user.must_change_password };
}

/** Mini-XDR login: an access and a refresh JWT. */
export async function loginWithTokens(ctx: ServiceContext, email: string, password: string): Promise<LoginResponse> {
  const user = await authenticateWithPassword(ctx, 'jwt', email, password);
  const tokens = await issueTokenPair(ctx.deps.db, ctx.deps.secrets.jwtKey, user);
  return { ...tokens, must_change_password: user.must_change_password };
}
