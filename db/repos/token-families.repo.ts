import { sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';

export async function insertTokenFamily(db: Executor, orgId: OrgId, userId: string): Promise<string> {
  const row = await db.insertInto('token_families').values({ org_id: orgId, user_id: userId }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function revokeTokenFamily(db: Executor, orgId: OrgId, familyId: string, reason: string): Promise<void> {
  await db
    .updateTable('token_families')
    .set({ revoked_at: sql`now()`, revoked_reason: reason })
    .where('token_families.org_id', '=', orgId)
    .where('token_families.id', '=', familyId)
    .where('token_families.revoked_at', 'is', null)
    .execute();
}

export async function revokeUserTokenFamilies(db: Executor, orgId: OrgId, userId: string, reason: string): Promise<void> {
  await db
    .updateTable('token_families')
    .set({ revoked_at: sql`now()`, revoked_reason: reason })
    .where('token_families.org_id', '=', orgId)
    .where('token_families.user_id', '=', userId)
    .where('token_families.revoked_at', 'is', null)
    .execute();
}
