import { sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';

export async function readOrgSettings(db: Executor, orgId: OrgId): Promise<{ detection: unknown; auto_contain: boolean; updated_at: Date | null }> {
  const row = await db.selectFrom('org_settings').selectAll().where('org_settings.org_id', '=', orgId).executeTakeFirst();
  return row
    ? { detection: row.detection, auto_contain: row.auto_contain, updated_at: row.updated_at }
    : { detection: {}, auto_contain: false, updated_at: null };
}

export async function writeOrgSettings(db: Executor, orgId: OrgId, patch: { detection?: unknown; auto_contain?: boolean }, updatedBy: string): Promise<void> {
  const detection = patch.detection === undefined ? undefined : JSON.stringify(patch.detection);
  await db
    .insertInto('org_settings')
    .values({ org_id: orgId, detection: detection ?? '{}', auto_contain: patch.auto_contain ?? false, updated_by: updatedBy })
    .onConflict((oc) =>
      oc.column('org_id').doUpdateSet({
        ...(detection !== undefined ? { detection } : {}),
        ...(patch.auto_contain !== undefined ? { auto_contain: patch.auto_contain } : {}),
        updated_by: updatedBy,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}
