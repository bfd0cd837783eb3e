import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { EnforcementPoints } from '../schema.generated.ts';

export type EnforcementPointRow = Selectable<EnforcementPoints>;
export type NewEnforcementPoint = Omit<Insertable<EnforcementPoints>, 'id' | 'org_id' | 'created_at' | 'updated_at'>;
export type EnforcementPointChange = Omit<Updateable<EnforcementPoints>, 'id' | 'org_id' | 'kind' | 'created_at' | 'updated_at' | 'created_by'>;

export function insertEnforcementPoint(db: Executor, orgId: OrgId, values: NewEnforcementPoint): Promise<EnforcementPointRow> {
  return db
    .insertInto('enforcement_points')
    .values({ ...values, org_id: orgId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateEnforcementPoint(db: Executor, orgId: OrgId, id: number, change: EnforcementPointChange): Promise<EnforcementPointRow | undefined> {
  return db
    .updateTable('enforcement_points')
    .set({ ...change, updated_at: sql`now()` })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteEnforcementPoint(db: Executor, orgId: OrgId, id: number): Promise<boolean> {
  const result = await db.deleteFrom('enforcement_points').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export function listEnforcementPoints(db: Executor, orgId: OrgId, onlyEnabled = false): Promise<EnforcementPointRow[]> {
  let query = db.selectFrom('enforcement_points').selectAll().where('org_id', '=', orgId);
  if (onlyEnabled) query = query.where('enabled', '=', true);
  return query.orderBy('id').execute();
}
