import { type Insertable, type Selectable, sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { Agents } from '../schema.generated.ts';

export type AgentRow = Selectable<Agents>;
/** An agent with `silent`: no heartbeat (or enrolment) within three of its intervals, by the database clock. */
export type AgentView = AgentRow & { silent: boolean };

export type AgentEnrolment = Pick<Insertable<Agents>, 'name' | 'os' | 'ip_address' | 'version' | 'key_prefix' | 'key_hash' | 'enrollment_key_id'>;

const silent = sql<boolean>`coalesce(agents.last_heartbeat, agents.created_at) < now() - agents.heartbeat_interval_seconds * interval '3 seconds'`;

function selectAgents(db: Executor, orgId: OrgId) {
  return db.selectFrom('agents').selectAll('agents').select(silent.as('silent')).where('agents.org_id', '=', orgId);
}

/**
 * Creates the agent, or, when a live agent of that name (case-insensitive) exists in the
 * organisation, replaces its key: concurrent enrolments of one name cannot create two agents.
 */
export async function upsertEnrolledAgent(db: Executor, orgId: OrgId, values: AgentEnrolment): Promise<{ agent: AgentRow; created: boolean }> {
  const row = await db
    .insertInto('agents')
    .values({ ...values, org_id: orgId })
    .onConflict((conflict) =>
      conflict
        .expression(sql`org_id, lower(name)`)
        .where('revoked_at', 'is', null)
        .doUpdateSet({
          os: values.os,
          ip_address: values.ip_address ?? null,
          version: values.version ?? null,
          key_prefix: values.key_prefix,
          key_hash: values.key_hash,
          enrollment_key_id: values.enrollment_key_id ?? null,
          status: 'enrolled',
          key_rotated_at: sql`now()`,
          updated_at: sql`now()`,
        }),
    )
    .returningAll()
    .returning(sql<boolean>`xmax = 0`.as('created'))
    .executeTakeFirstOrThrow();
  const { created, ...agent } = row;
  return { agent, created };
}

export function findAgent(db: Executor, orgId: OrgId, agentId: string): Promise<AgentView | undefined> {
  return selectAgents(db, orgId).where('agents.id', '=', agentId).executeTakeFirst();
}

export function listAgents(db: Executor, orgId: OrgId, options: { includeRevoked: boolean; limit: number }): Promise<AgentView[]> {
  let query = selectAgents(db, orgId);
  if (!options.includeRevoked) query = query.where('agents.revoked_at', 'is', null);
  return query.orderBy('agents.name').orderBy('agents.id').limit(options.limit).execute();
}

export type HeartbeatValues = {
  status: string;
  lastSeen: Date | null;
  lastIp: string | null;
  version?: string | undefined;
  ipAddress?: string | undefined;
  heartbeatIntervalSeconds?: number | undefined;
};

/** Stamps the heartbeat with the database clock; a revoked agent is not updated. */
export function recordAgentHeartbeat(db: Executor, orgId: OrgId, agentId: string, values: HeartbeatValues): Promise<AgentView | undefined> {
  return db
    .updateTable('agents')
    .set({
      status: values.status,
      last_heartbeat: sql`now()`,
      last_seen: values.lastSeen,
      last_ip: values.lastIp,
      updated_at: sql`now()`,
      ...(values.version !== undefined ? { version: values.version } : {}),
      ...(values.ipAddress !== undefined ? { ip_address: values.ipAddress } : {}),
      ...(values.heartbeatIntervalSeconds !== undefined ? { heartbeat_interval_seconds: values.heartbeatIntervalSeconds } : {}),
    })
    .where('agents.org_id', '=', orgId)
    .where('agents.id', '=', agentId)
    .where('agents.revoked_at', 'is', null)
    .returningAll()
    .returning(sql<boolean>`false`.as('silent'))
    .executeTakeFirst();
}

export function revokeAgent(db: Executor, orgId: OrgId, agentId: string): Promise<AgentView | undefined> {
  return db
    .updateTable('agents')
    .set({ revoked_at: sql`coalesce(revoked_at, now())`, updated_at: sql`now()` })
    .where('agents.org_id', '=', orgId)
    .where('agents.id', '=', agentId)
    .returningAll()
    .returning(silent.as('silent'))
    .executeTakeFirst();
}

/** Live (not revoked) agents of the organisation, split by whether they are silent. */
export async function countLiveAgents(db: Executor, orgId: OrgId): Promise<{ total: number; silent: number }> {
  const row = await db
    .selectFrom('agents')
    .select((eb) => [eb.fn.countAll<number>().as('total'), sql<number>`count(*) filter (where ${silent})`.as('silent')])
    .where('agents.org_id', '=', orgId)
    .where('agents.revoked_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), silent: Number(row.silent) };
}

export async function markAgentOfflineAlerted(db: Executor, orgId: OrgId, agentId: string, at: Date): Promise<void> {
  await db.updateTable('agents').set({ offline_alerted_at: at }).where('agents.org_id', '=', orgId).where('agents.id', '=', agentId).execute();
}
