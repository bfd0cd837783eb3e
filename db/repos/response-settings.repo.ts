import { sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';

export type ResponseSettingsRow = { protected_ranges: string[]; dry_run: boolean; max_actions_per_hour: number; updated_at: Date | null };

export async function readResponseSettings(db: Executor, orgId: OrgId): Promise<ResponseSettingsRow> {
  const row = await db.selectFrom('response_settings').selectAll().where('org_id', '=', orgId).executeTakeFirst();
  return row
    ? { protected_ranges: row.protected_ranges, dry_run: row.dry_run, max_actions_per_hour: row.max_actions_per_hour, updated_at: row.updated_at }
    : { protected_ranges: [], dry_run: false, max_actions_per_hour: 120, updated_at: null };
}

export async function writeResponseSettings(db: Executor, orgId: OrgId, settings: Omit<ResponseSettingsRow, 'updated_at'>, updatedBy: string): Promise<void> {
  await db
    .insertInto('response_settings')
    .values({ org_id: orgId, ...settings, updated_by: updatedBy })
    .onConflict((oc) => oc.column('org_id').doUpdateSet({ ...settings, updated_by: updatedBy, updated_at: sql`now()` }))
    .execute();
}
