import { randomUUID } from 'node:crypto';
import type { OrgServiceContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { type DeviceRow, findDevice, insertDevice, listDevices, revokeDevice, rotateDeviceSecret } from '../../db/repos/devices.repo.ts';
import { actorOf, recordAudit } from '../identity/index.ts';
import { type DeviceDto, toDeviceDto } from './device.dto.ts';
import { encryptDeviceSecret, generateDeviceSecret } from './device-secret.ts';

export const MAX_DEVICES_LISTED = 500;
export const DEFAULT_DEVICE_TTL_DAYS = 90;

export type NewDevice = { name: string; deviceId?: string | undefined; ttlDays: number | null };

/** Registers a device; its signing secret is returned this once and kept only encrypted. */
export async function createOrgDevice(ctx: OrgServiceContext, input: NewDevice): Promise<{ device: DeviceDto; secret: string }> {
  const { row, secret } = await createDevice(ctx, input);
  return { device: toDeviceDto(row), secret };
}

/** The row itself, for callers inside this domain that need more than the DTO shows (its org). */
export async function createDevice(ctx: OrgServiceContext, input: NewDevice): Promise<{ row: DeviceRow; secret: string }> {
  const id = randomUUID();
  const secret = generateDeviceSecret();
  const deviceId = input.deviceId ?? randomUUID();
  const row = await ctx.deps.db.transaction().execute(async (trx) => {
    const created = await insertDevice(trx, ctx.orgId, {
      id,
      device_id: deviceId,
      name: input.name.trim(),
      secret_encrypted: encryptDeviceSecret(ctx.deps.secrets.encryptionKey, secret, id),
      created_by: ctx.principal.actorId,
      expires_at: expiryFrom(input.ttlDays),
    });
    if (!created) throw new AppError('CONFLICT', `Device ID '${deviceId}' is already registered; choose another`);
    await recordAudit(trx, ctx, {
      orgId: ctx.orgId,
      action: 'device.created',
      actor: actorOf(ctx),
      target: { type: 'device', id: created.id },
      details: { name: created.name, device_id: created.device_id, expires_at: created.expires_at?.toISOString() ?? null },
    });
    return created;
  });
  return { row, secret };
}

export async function listOrgDevices(ctx: OrgServiceContext): Promise<DeviceDto[]> {
  return (await listDevices(ctx.deps.db, ctx.orgId, MAX_DEVICES_LISTED)).map((row) => toDeviceDto(row));
}

/** A new secret at once: the old one stops verifying with this commit. A revoked device stays revoked. */
export async function rotateOrgDevice(ctx: OrgServiceContext, deviceId: string, ttlDays: number | null): Promise<{ device: DeviceDto; secret: string }> {
  const secret = generateDeviceSecret();
  const row = await ctx.deps.db.transaction().execute(async (trx) => {
    const existing = await findDevice(trx, ctx.orgId, deviceId);
    if (!existing) throw notFound(deviceId);
    const rotated = await rotateDeviceSecret(trx, ctx.orgId, existing.id, {
      secretEncrypted: encryptDeviceSecret(ctx.deps.secrets.encryptionKey, secret, existing.id),
      expiresAt: expiryFrom(ttlDays),
    });
    if (!rotated) throw new AppError('CONFLICT', `Device '${deviceId}' is revoked; register a new device instead`);
    await recordAudit(trx, ctx, { orgId: ctx.orgId, action: 'device.rotated', actor: actorOf(ctx), target: { type: 'device', id: rotated.id } });
    return rotated;
  });
  return { device: toDeviceDto(row), secret };
}

export async function revokeOrgDevice(ctx: OrgServiceContext, deviceId: string): Promise<DeviceDto> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const row = await revokeDevice(trx, ctx.orgId, deviceId);
    if (!row) throw notFound(deviceId);
    await recordAudit(trx, ctx, { orgId: ctx.orgId, action: 'device.revoked', actor: actorOf(ctx), target: { type: 'device', id: row.id } });
    return toDeviceDto(row);
  });
}

function notFound(deviceId: string): AppError {
  return new AppError('NOT_FOUND', `Device '${deviceId}' not found`);
}

function expiryFrom(ttlDays: number | null): Date | null {
  return ttlDays === null ? null : new Date(Date.now() + ttlDays * 86_400_000);
}
