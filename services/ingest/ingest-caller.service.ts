import type { OrgServiceContext, ServiceContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { type Permission, roleCan } from '../../core/permissions.ts';
import type { DeviceRow } from '../../db/repos/devices.repo.ts';
import { type Credentials, parseApiKey, resolvePrincipal } from '../identity/index.ts';
import { authenticateDeviceRequest, hasDeviceHeaders, type SignedRequest } from './device-auth.service.ts';

/** Who is ingesting, and the key their per-event signatures are checked with. */
export type IngestCaller = { ctx: OrgServiceContext; signingKey: string; device: DeviceRow | null };

/**
 * Ingest that takes either credential: a request carrying any device header is a device request and must
 * pass the full HMAC check (no fallback, so a bad signature never degrades to another credential); otherwise
 * a user or API-key credential with `permission`. The signing key is the device secret, or the credential
 * presented (API key, else bearer token, else session token), as Mini-XDR keyed event signatures.
 */
export async function resolveIngestCaller(ctx: ServiceContext, request: SignedRequest, presented: Credentials, permission: Permission): Promise<IngestCaller> {
  if (hasDeviceHeaders(request.headers)) {
    const device = await authenticateDeviceRequest(ctx, request);
    return { ctx: device.ctx, signingKey: device.secret, device: device.device };
  }
  const credentials = withBearerApiKey(presented);
  const principal = await resolvePrincipal(ctx.deps, credentials);
  if (principal === null) {
    throw new AppError(
      'UNAUTHENTICATED',
      // Mini-XDR answered an unsigned request "Missing authentication headers"; its clients and tests look for that
      'Missing authentication headers: sign the request with X-Device-ID, X-TS, X-Nonce and X-Signature, or send an x-api-key or a bearer token',
    );
  }
  if (principal === 'invalid') throw new AppError('UNAUTHENTICATED', 'Invalid, expired or revoked credentials');
  if (principal.mustChangePassword) throw new AppError('FORBIDDEN', 'Password change required: POST /api/auth/change-password with your one-time password');
  if (!roleCan(principal.role, permission)) throw new AppError('FORBIDDEN', `Your role '${principal.role}' may not do this (needs ${permission})`);
  const logger = ctx.logger.child({ orgId: principal.orgId, actorId: principal.actorId, actorType: principal.actorType });
  return {
    ctx: { ...ctx, logger, principal, orgId: principal.orgId },
    signingKey: credentials.apiKey ?? credentials.bearer ?? credentials.sessionCookie ?? '',
    device: null,
  };
}

/** Log forwarders (Fluent Bit's `Header Authorization Bearer <key>`) can only send static headers: an API key as bearer token is an API key. */
function withBearerApiKey(credentials: Credentials): Credentials {
  if (credentials.apiKey || !credentials.bearer || !parseApiKey(credentials.bearer)) return credentials;
  return { ...credentials, apiKey: credentials.bearer, bearer: undefined };
}
