import { sql } from 'kysely';
import { type Executor, type OrgId, unsafeMintOrgId } from '../../core/database.ts';

/** Organisations with agent commands past their expiry and still pending (all tenants: the sweep job only). */
export async function unsafeOrgsWithOverdueEndpointActions(db: Executor, limit: number): Promise<OrgId[]> {
  const result = await sql<{ org_id: string }>`
    select distinct org_id from endpoint_actions where status = 'pending' and expires_at <= now() limit ${limit}`.execute(db);
  return result.rows.map((row) => unsafeMintOrgId(row.org_id));
}

/**
 * Actions claimed for dispatch whose outcome was never recorded (the process stopped between the claim and the
 * enforcement point's answer), older than `minutes` (all tenants: the sweep job only).
 */
export async function unsafeStrandedDispatches(db: Executor, minutes: number, limit: number): Promise<{ orgId: OrgId; actionId: number }[]> {
  const result = await sql<{ org_id: string; id: number }>`
    select org_id, id from response_actions
     where status = 'dispatched' and adapter is null and updated_at < now() - make_interval(mins => ${minutes})
     order by id limit ${limit}`.execute(db);
  return result.rows.map((row) => ({ orgId: unsafeMintOrgId(row.org_id), actionId: Number(row.id) }));
}
