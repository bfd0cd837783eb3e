import { sql } from 'kysely';
import { type Executor, type OrgId, unsafeMintOrgId } from '../../core/database.ts';

/** Organisations with stored events their detection cursor has not passed (all tenants: the sweep job only). */
export async function unsafeOrgsWithDetectionBacklog(db: Executor, limit: number): Promise<OrgId[]> {
  const result = await sql<{ id: string }>`
    select o.id from orgs o
    left join detection_cursors c on c.org_id = o.id
    where exists (select 1 from events e where e.org_id = o.id and e.id > coalesce(c.last_event_id, 0))
    limit ${limit}`.execute(db);
  return result.rows.map((row) => unsafeMintOrgId(row.id));
}
