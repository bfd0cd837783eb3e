import { sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';

export async function insertSession(
  db: Executor,
  orgId: OrgId,
  values: { id: string; userId: string; secretHash: Uint8Array; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id: values.id, org_id: orgId, user_id: values.userId, secret_hash: Buffer.from(values.secretHash), expires_at: values.expiresAt })
    .execute();
}

export async function extendSession(db: Executor, orgId: OrgId, sessionId: string, expiresAt: Date): Promise<void> {
  await db.updateTable('sessions').set({ expires_at: expiresAt }).where('sessions.org_id', '=', orgId).where('sessions.id', '=', sessionId).execute();
}

export async function deleteSession(db: Executor, orgId: OrgId, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('sessions.org_id', '=', orgId).where('sessions.id', '=', sessionId).execute();
}

export async function deleteUserSessions(db: Executor, orgId: OrgId, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('sessions.org_id', '=', orgId).where('sessions.user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Executor): Promise<number> {
  const result = await db.deleteFrom('sessions').where('sessions.expires_at', '<', sql<Date>`now()`).executeTakeFirst();
  return Number(result.numDeletedRows);
}
