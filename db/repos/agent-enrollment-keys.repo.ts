import { type Insertable, type Selectable, sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { AgentEnrollmentKeys } from '../schema.generated.ts';

export type EnrollmentKeyRow = Selectable<AgentEnrollmentKeys>;

export function insertEnrollmentKey(
  db: Executor,
  orgId: OrgId,
  values: Omit<Insertable<AgentEnrollmentKeys>, 'org_id' | 'id' | 'created_at'>,
): Promise<EnrollmentKeyRow> {
  return db
    .insertInto('agent_enrollment_keys')
    .values({ ...values, org_id: orgId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listEnrollmentKeys(db: Executor, orgId: OrgId, limit: number): Promise<EnrollmentKeyRow[]> {
  return db
    .selectFrom('agent_enrollment_keys')
    .selectAll()
    .where('agent_enrollment_keys.org_id', '=', orgId)
    .orderBy('agent_enrollment_keys.created_at', 'desc')
    .limit(limit)
    .execute();
}

export function revokeEnrollmentKey(db: Executor, orgId: OrgId, keyId: string): Promise<EnrollmentKeyRow | undefined> {
  return db
    .updateTable('agent_enrollment_keys')
    .set({ revoked_at: sql`coalesce(revoked_at, now())` })
    .where('agent_enrollment_keys.org_id', '=', orgId)
    .where('agent_enrollment_keys.id', '=', keyId)
    .returningAll()
    .executeTakeFirst();
}

export async function touchEnrollmentKey(db: Executor, orgId: OrgId, keyId: string): Promise<void> {
  await db
    .updateTable('agent_enrollment_keys')
    .set({ last_used_at: sql`now()` })
    .where('agent_enrollment_keys.org_id', '=', orgId)
    .where('agent_enrollment_keys.id', '=', keyId)
    .execute();
}
