import type { Executor, OrgId } from '../../core/database.ts';

/** Remembers a device's nonce; false when the device already used it (a replay). */
export async function recordDeviceNonce(db: Executor, orgId: OrgId, deviceId: string, nonce: string): Promise<boolean> {
  const row = await db
    .insertInto('device_nonces')
    .values({ org_id: orgId, device_id: deviceId, nonce })
    .onConflict((oc) => oc.columns(['device_id', 'nonce']).doNothing())
    .returning('nonce')
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteDeviceNoncesSeenBefore(db: Executor, before: Date): Promise<number> {
  const result = await db.deleteFrom('device_nonces').where('device_nonces.seen_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteOneDeviceNoncesSeenBefore(db: Executor, orgId: OrgId, deviceId: string, before: Date): Promise<void> {
  await db
    .deleteFrom('device_nonces')
    .where('device_nonces.org_id', '=', orgId)
    .where('device_nonces.device_id', '=', deviceId)
    .where('device_nonces.seen_at', '<', before)
    .execute();
}
