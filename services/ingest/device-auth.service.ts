import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { OrgServiceContext, ServiceContext } from '../../core/context.ts';
import { unsafeMintOrgId } from '../../core/database.ts';
import { AppError } from '../../core/errors.ts';
import { deleteOneDeviceNoncesSeenBefore, recordDeviceNonce } from '../../db/repos/device-nonces.repo.ts';
import { type DeviceRow, touchDevice, unsafeFindDeviceByDeviceId } from '../../db/repos/devices.repo.ts';
import { decryptDeviceSecret } from './device-secret.ts';
import { requestSignature } from './sign-request.ts';

export const MAX_CLOCK_SKEW_SECONDS = 300;
/** A nonce only needs remembering while its X-TS can still pass the skew check (2 × skew), plus a margin. */
export const NONCE_RETENTION_SECONDS = 2 * MAX_CLOCK_SKEW_SECONDS + 60;

export const DEVICE_HEADERS = ['x-device-id', 'x-ts', 'x-nonce', 'x-signature'] as const;

export type SignedRequest = { headers: IncomingHttpHeaders; method: string; path: string; rawBody: Buffer | undefined };
export type AuthenticatedDevice = { device: DeviceRow; secret: string; ctx: OrgServiceContext };

type DeviceHeaders = { deviceId: string; ts: string; nonce: string; signature: string };

export function hasDeviceHeaders(headers: IncomingHttpHeaders): boolean {
  return DEVICE_HEADERS.some((name) => headers[name] !== undefined);
}

/**
 * Verifies Mini-XDR's device HMAC scheme (see sign-request.ts) and returns the device's org context.
 * Order: headers → timestamp skew → device known, live, unexpired → constant-time signature → nonce unused.
 * Every failure is a 401 whose message says which check failed.
 */
export async function authenticateDeviceRequest(ctx: ServiceContext, request: SignedRequest, now = new Date()): Promise<AuthenticatedDevice> {
  const presented = readHeaders(request.headers);
  checkTimestamp(presented.ts, now);
  if (!/^[\x21-\x7e]{8,128}$/.test(presented.nonce)) throw unauthenticated('X-Nonce must be 8 to 128 visible ASCII characters');
  if (!/^[0-9a-fA-F]{64}$/.test(presented.signature)) throw unauthenticated('Bad signature: X-Signature must be 64 hex characters (HMAC-SHA256)');

  const device = await unsafeFindDeviceByDeviceId(ctx.deps.db, presented.deviceId);
  if (!device) throw unauthenticated('Unknown device: no device is registered with this X-Device-ID');
  if (device.revoked_at) throw unauthenticated('Device revoked: this device credential no longer authenticates');
  if (device.expires_at && device.expires_at.getTime() <= now.getTime()) throw unauthenticated('Device expired: rotate its secret to issue a new one');

  const secret = openSecret(ctx, device);
  const expected = requestSignature(secret, {
    method: request.method,
    path: request.path,
    body: request.rawBody,
    timestamp: presented.ts,
    nonce: presented.nonce,
  });
  if (!timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(presented.signature, 'hex'))) {
    throw unauthenticated('Bad signature: X-Signature does not match METHOD|path|body|X-TS|X-Nonce signed with this device secret');
  }

  const orgId = unsafeMintOrgId(device.org_id);
  if (!(await recordDeviceNonce(ctx.deps.db, orgId, device.id, presented.nonce))) {
    throw unauthenticated('Reused nonce: this X-Nonce was already used by this device');
  }
  // Once a minute per device (when last_seen_at moves), its expired nonces go, so a busy device's set stays small between daily prunes.
  if (await touchDevice(ctx.deps.db, orgId, device.id)) {
    await deleteOneDeviceNoncesSeenBefore(ctx.deps.db, orgId, device.id, new Date(now.getTime() - NONCE_RETENTION_SECONDS * 1000));
  }
  return {
    device,
    secret,
    ctx: {
      ...ctx,
      logger: ctx.logger.child({ orgId, actorId: device.id, actorType: 'device' }),
      orgId,
      principal: { actorType: 'device', actorId: device.id, orgId, role: 'device', mustChangePassword: false, credential: { kind: 'machine' } },
    },
  };
}

function readHeaders(headers: IncomingHttpHeaders): DeviceHeaders {
  const value = (name: (typeof DEVICE_HEADERS)[number]) => {
    const raw = headers[name];
    return typeof raw === 'string' ? raw.trim() : '';
  };
  const [deviceId, ts, nonce, signature] = DEVICE_HEADERS.map(value) as [string, string, string, string];
  const missing = [deviceId ? null : 'X-Device-ID', ts ? null : 'X-TS', nonce ? null : 'X-Nonce', signature ? null : 'X-Signature'].filter(Boolean);
  if (missing.length > 0) throw unauthenticated(`Missing authentication headers: ${missing.join(', ')}`);
  return { deviceId, ts, nonce, signature };
}

function checkTimestamp(ts: string, now: Date): void {
  if (!/^\d{1,12}$/.test(ts)) throw unauthenticated('X-TS must be the request time in integer Unix seconds');
  const skew = Math.round(now.getTime() / 1000) - Number(ts);
  if (Math.abs(skew) > MAX_CLOCK_SKEW_SECONDS) {
    throw unauthenticated(
      `Stale timestamp: X-TS is ${Math.abs(skew)} s ${skew > 0 ? 'behind' : 'ahead of'} server time (allowed ±${MAX_CLOCK_SKEW_SECONDS} s)`,
    );
  }
}

function openSecret(ctx: ServiceContext, device: DeviceRow): string {
  try {
    return decryptDeviceSecret(ctx.deps.secrets.encryptionKey, device.secret_encrypted, device.id);
  } catch (error) {
    // The encryption key changed or the row was altered: an operator problem, reported without the secret.
    ctx.logger.error({ deviceId: device.id, reason: (error as Error).message }, 'device secret could not be decrypted');
    throw unauthenticated('Device credential cannot be verified: rotate its secret');
  }
}

function unauthenticated(reason: string): AppError {
  return new AppError('UNAUTHENTICATED', reason);
}
