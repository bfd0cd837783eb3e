import { sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';

/**
 * Records the keys of a run's rows in the hunt's ledger and returns those not there before: the rows no earlier run
 * alerted on. Runs of one hunt are serialised (the run's advisory lock), and the primary key settles the rest.
 */
export async function claimNewRowKeys(db: Executor, orgId: OrgId, huntId: string, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const result = await sql<{ row_key: string }>`
    insert into hunt_alerted_rows (org_id, hunt_id, row_key)
    select ${orgId}::uuid, ${huntId}::uuid, key from unnest(${[...new Set(keys)]}::text[]) as key
    on conflict (hunt_id, row_key) do nothing
    returning row_key`.execute(db);
  return new Set(result.rows.map((row) => row.row_key));
}

export async function linkRowKeysToAlert(db: Executor, orgId: OrgId, huntId: string, keys: readonly string[], alertId: number): Promise<void> {
  if (keys.length === 0) return;
  await db
    .updateTable('hunt_alerted_rows')
    .set({ alert_id: alertId })
    .where('hunt_alerted_rows.org_id', '=', orgId)
    .where('hunt_alerted_rows.hunt_id', '=', huntId)
    .where('hunt_alerted_rows.row_key', 'in', [...keys])
    .execute();
}
