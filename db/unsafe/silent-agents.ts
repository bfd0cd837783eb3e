import { sql } from 'kysely';
import { type Executor, type OrgId, unsafeMintOrgId } from '../../core/database.ts';

export type SilentAgentRow = { id: string; org_id: OrgId; name: string; last_contact_at: Date; heartbeat_interval_seconds: number };

/**
 * Live agents (all tenants: the offline job only) silent for more than `intervals` heartbeat
 * intervals whose current silence has not been alerted yet.
 */
export async function unsafeListNewlySilentAgents(db: Executor, intervals: number, now: Date, limit: number): Promise<SilentAgentRow[]> {
  const result = await sql<SilentAgentRow & { org_id: string }>`
    select id, org_id, name, coalesce(last_heartbeat, created_at) as last_contact_at, heartbeat_interval_seconds
    from agents
    where revoked_at is null
      and coalesce(last_heartbeat, created_at) < ${now}::timestamptz - make_interval(secs => heartbeat_interval_seconds * ${intervals})
      and (offline_alerted_at is null or offline_alerted_at < coalesce(last_heartbeat, created_at))
    order by org_id
    limit ${limit}`.execute(db);
  return result.rows.map((row) => ({ ...row, org_id: unsafeMintOrgId(row.org_id) }));
}
