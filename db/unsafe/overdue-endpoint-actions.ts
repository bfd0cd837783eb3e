import { sql } from 'kysely';
import { type Executor, type OrgId, unsafeMintOrgId } from '../../core/database.ts';

/** Organisations with agent commands past their expiry and still pending (all tenants: the sweep job only). */
export async function unsafeOrgsWithOverdueEndpointActions(db: Executor, limit: number): Promise<OrgId[]> {
  const result = await sql<{ org_id: string }>`
    select distinct org_id from endpoint_actions where status = 'pending' and expires_at <= now() limit ${limit}`.execute(db);
  return result.rows.map((row) => unsafeMintOrgId(row.org_id));
}
