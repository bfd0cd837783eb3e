import type { IncomingHttpHeaders } from 'node:http';
import { parseCookie } from 'cookie';
import { looksLikeAgentKey } from '../../services/agents/agent-key-format.ts';
import { type Credentials, resolvePrincipal, SESSION_COOKIE } from '../../services/auth/authenticate.service.ts';
import { type Permission, roleCan } from '../../services/auth/permissions.ts';
import type { OrgServiceContext } from '../../services/context.ts';
import type { Context } from '../context.ts';
import { AppError } from '../errors.ts';
import { middleware, publicProcedure } from '../trpc.ts';

export function credentialsFrom(headers: IncomingHttpHeaders): Credentials {
  const apiKey = headers['x-api-key'];
  const authorization = headers.authorization;
  const bearer = typeof authorization === 'string' && /^bearer\s+/i.test(authorization) ? authorization.replace(/^bearer\s+/i, '').trim() : undefined;
  const sessionCookie = typeof headers.cookie === 'string' ? parseCookie(headers.cookie)[SESSION_COOKIE] : undefined;
  const agentKeyHeader = headers['x-agent-key'];
  const agentKey = typeof agentKeyHeader === 'string' ? agentKeyHeader.trim() : bearer !== undefined && looksLikeAgentKey(bearer) ? bearer : undefined;
  return {
    apiKey: typeof apiKey === 'string' ? apiKey.trim() : undefined,
    agentKey,
    bearer: agentKey === bearer ? undefined : bearer,
    sessionCookie,
  };
}

/** Every credential resolves to one Principal; none is a 401, a bad one is a 401, a pending password change a 403. */
const authenticate = middleware(async ({ ctx, next, meta }) => {
  const principal = await resolvePrincipal(ctx.deps, credentialsFrom(ctx.request.headers));
  if (principal === null) throw new AppError('UNAUTHENTICATED', 'Not authenticated: send a bearer token, the session cookie, an x-api-key or an X-Agent-Key');
  if (principal === 'invalid') throw new AppError('UNAUTHENTICATED', 'Invalid, expired or revoked credentials');
  if (principal.mustChangePassword && !meta?.allowPendingPasswordChange) {
    throw new AppError('FORBIDDEN', 'Password change required: POST /api/auth/change-password with your one-time password');
  }
  const logger = ctx.logger.child({ orgId: principal.orgId, actorId: principal.actorId, actorType: principal.actorType });
  return next({ ctx: { ...ctx, logger, principal, orgId: principal.orgId } });
});

/** Any authenticated caller, whatever their role (profile, logout, password change). */
export const authedProcedure = publicProcedure.use(authenticate);

/** An authenticated caller whose role holds `permission` in the matrix; 403 otherwise. */
export function orgProcedure(permission: Permission) {
  return authedProcedure.use(
    middleware(async ({ ctx, next }) => {
      const { principal } = ctx as Context & Pick<OrgServiceContext, 'principal'>;
      if (!roleCan(principal.role, permission)) throw new AppError('FORBIDDEN', `Your role '${principal.role}' may not do this (needs ${permission})`);
      return next();
    }),
  );
}

/** The service context of an authenticated call. */
export function orgContext(ctx: Context & Pick<OrgServiceContext, 'principal' | 'orgId'>): OrgServiceContext {
  return { deps: ctx.deps, logger: ctx.logger, requestId: ctx.requestId, ip: ctx.request.ip, principal: ctx.principal, orgId: ctx.orgId };
}

export function publicContext(ctx: Context) {
  return { deps: ctx.deps, logger: ctx.logger, requestId: ctx.requestId, ip: ctx.request.ip };
}
