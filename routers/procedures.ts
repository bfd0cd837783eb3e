import type { IncomingHttpHeaders } from 'node:http';
import { parseCookie } from 'cookie';
import type { OrgServiceContext } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import { type Permission, roleCan } from '../core/permissions.ts';
import type { Principal } from '../core/principal.ts';
import { type Credentials, looksLikeAgentKey, resolvePrincipal, SESSION_COOKIE } from '../services/identity/index.ts';
import { authenticateDeviceRequest, hasDeviceHeaders } from '../services/ingest/index.ts';
import type { Context } from './context.ts';
import { assertSameOrigin } from './csrf.ts';
import { type Meta, middleware, publicProcedure } from './trpc.ts';

export function credentialsFrom(headers: IncomingHttpHeaders): Credentials {
  const apiKey = headers['x-api-key'];
  const authorization = headers.authorization;
  const bearer = typeof authorization === 'string' && /^bearer\s+/i.test(authorization) ? authorization.replace(/^bearer\s+/i, '').trim() : undefined;
  const sessionCookie = typeof headers.cookie === 'string' ? parseCookie(headers.cookie)[SESSION_COOKIE] : undefined;
  // EventSec's IDS collector (and its Python agent before enrolment) send X-Agent-Token
  const agentKeyHeader = headers['x-agent-key'] ?? headers['x-agent-token'];
  const agentKey = typeof agentKeyHeader === 'string' ? agentKeyHeader.trim() : bearer !== undefined && looksLikeAgentKey(bearer) ? bearer : undefined;
  return {
    apiKey: typeof apiKey === 'string' ? apiKey.trim() : undefined,
    agentKey,
    bearer: agentKey === bearer ? undefined : bearer,
    sessionCookie,
  };
}

/**
 * Every credential resolves to one Principal; none is a 401, a bad one is a 401, a pending password
 * change a 403. The caller's organisation context is put on `ctx.service` for the procedure.
 */
const authenticate = middleware(async ({ ctx, next, meta, type }) => {
  const credentials = credentialsFrom(ctx.request.headers);
  const principal = hasDeviceHeaders(ctx.request.headers) ? await deviceReader(ctx, meta, type) : await resolvePrincipal(ctx.deps, credentials);
  if (principal === null) throw new AppError('UNAUTHENTICATED', 'Not authenticated: send a bearer token, the session cookie, an x-api-key or an X-Agent-Key');
  if (principal === 'invalid') throw new AppError('UNAUTHENTICATED', 'Invalid, expired or revoked credentials');
  if (principal.mustChangePassword && !meta?.allowPendingPasswordChange) {
    throw new AppError('FORBIDDEN', 'Password change required: POST /api/auth/change-password with your one-time password');
  }
  if (type === 'mutation' && byCookieAlone(credentials)) assertSameOrigin(ctx.request.headers, allowedOrigins(ctx.deps.config.CORS_ORIGINS));
  const logger = ctx.logger.child({ orgId: principal.orgId, actorId: principal.actorId, actorType: principal.actorType });
  const service: OrgServiceContext = { ...ctx.service, logger, principal, orgId: principal.orgId };
  return next({ ctx: { ...ctx, logger, principal, orgId: principal.orgId, service } });
});

/**
 * Mini-XDR's signer (send_signed_request.py) signs reads too, as its HMAC covered /api/*: a device may call the GET
 * routes its role allows. Device headers are never passed over for another credential, and the signature must cover
 * the whole request: the documented path (so none with path parameters) and the empty body of a GET (the host
 * refuses a query string next to device headers).
 */
async function deviceReader(ctx: Context, meta: Meta | undefined, type: string): Promise<Principal> {
  const route = meta?.openapi;
  if (type !== 'query' || route?.method !== 'GET' || route.path.includes('{')) {
    throw new AppError(
      'FORBIDDEN',
      'Device credentials (X-Device-ID, X-TS, X-Nonce, X-Signature) post to /ingest/cowrie and /ingest/multi and read GET routes without path parameters; use an API key here',
    );
  }
  const device = await authenticateDeviceRequest(ctx.service, { headers: ctx.request.headers, method: 'GET', path: route.path, rawBody: ctx.request.rawBody });
  return device.ctx.principal;
}

function byCookieAlone(credentials: Credentials): boolean {
  return credentials.sessionCookie !== undefined && credentials.bearer === undefined && credentials.apiKey === undefined && credentials.agentKey === undefined;
}

function allowedOrigins(configured: string): string[] {
  return configured
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin.length > 0);
}

/** Any authenticated caller, whatever their role (profile, logout, password change). */
export const authedProcedure = publicProcedure.use(authenticate);

type Check = { allowed: (principal: Principal) => boolean; needs: string };

/** An authenticated caller the check admits; 403 naming what is needed otherwise. */
export function guardedProcedure(check: Check) {
  return authedProcedure.use(
    middleware(async ({ ctx, next }) => {
      const { principal } = ctx as Context & { principal: Principal };
      if (!check.allowed(principal)) throw new AppError('FORBIDDEN', `Your role '${principal.role}' may not do this (needs ${check.needs})`);
      return next();
    }),
  );
}

/** An authenticated caller whose role holds `permission` in the matrix. */
export function orgProcedure(permission: Permission) {
  return guardedProcedure({ allowed: (principal) => roleCan(principal.role, permission), needs: permission });
}

/** An authenticated caller whose role holds at least one of `permissions`. */
export function orgProcedureAnyOf(permissions: readonly Permission[]) {
  return guardedProcedure({ allowed: (principal) => permissions.some((permission) => roleCan(principal.role, permission)), needs: permissions.join(' or ') });
}
