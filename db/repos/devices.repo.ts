import { type Insertable, type Selectable, sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { Devices } from '../schema.generated.ts';

export type DeviceRow = Selectable<Devices>;

/** Inserts unless the platform-wide X-Device-ID is taken (then undefined). */
export function insertDevice(db: Executor, orgId: OrgId, values: Omit<Insertable<Devices>, 'org_id'>): Promise<DeviceRow | undefined> {
  return db
    .insertInto('devices')
    .values({ ...values, org_id: orgId })
    .onConflict((oc) => oc.column('device_id').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function listDevices(db: Executor, orgId: OrgId, limit: number): Promise<DeviceRow[]> {
  return db.selectFrom('devices').selectAll().where('devices.org_id', '=', orgId).orderBy('devices.created_at', 'desc').limit(limit).execute();
}

export function findDevice(db: Executor, orgId: OrgId, deviceId: string): Promise<DeviceRow | undefined> {
  return db.selectFrom('devices').selectAll().where('devices.org_id', '=', orgId).where('devices.device_id', '=', deviceId).executeTakeFirst();
}

/** Replaces the secret of a live device; a revoked one is left alone (undefined). */
export function rotateDeviceSecret(
  db: Executor,
  orgId: OrgId,
  id: string,
  values: { secretEncrypted: Buffer; expiresAt: Date | null },
): Promise<DeviceRow | undefined> {
  return db
    .updateTable('devices')
    .set({ secret_encrypted: values.secretEncrypted, expires_at: values.expiresAt, rotated_at: sql`now()` })
    .where('devices.org_id', '=', orgId)
    .where('devices.id', '=', id)
    .where('devices.revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export function revokeDevice(db: Executor, orgId: OrgId, deviceId: string): Promise<DeviceRow | undefined> {
  return db
    .updateTable('devices')
    .set({ revoked_at: sql`coalesce(revoked_at, now())` })
    .where('devices.org_id', '=', orgId)
    .where('devices.device_id', '=', deviceId)
    .returningAll()
    .executeTakeFirst();
}

/** Records use at most once a minute, so a busy device does not write on every request; true when it wrote. */
export async function touchDevice(db: Executor, orgId: OrgId, id: string): Promise<boolean> {
  const result = await db
    .updateTable('devices')
    .set({ last_seen_at: sql`now()` })
    .where('devices.org_id', '=', orgId)
    .where('devices.id', '=', id)
    .where((eb) => eb.or([eb('devices.last_seen_at', 'is', null), eb('devices.last_seen_at', '<', sql<Date>`now() - interval '1 minute'`)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Look-up before any organisation is known: the signed X-Device-ID itself names the tenant. */
export function unsafeFindDeviceByDeviceId(db: Executor, deviceId: string): Promise<DeviceRow | undefined> {
  return db.selectFrom('devices').selectAll().where('devices.device_id', '=', deviceId).executeTakeFirst();
}
