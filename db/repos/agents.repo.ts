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

export function insertEnrolledAgent(db: Executor, orgId: OrgId, values: AgentEnrolment): Promise<AgentRow> {
  return db
    .insertInto('agents')
    .values({ ...values, org_id: orgId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Re-enrolment of a live agent that proved who it is: new key and host facts, same agent. Only while
 * its key is still the one presented (`currentKeyPrefix`), so of two concurrent re-enrolments one wins.
 */
export function reenrollAgent(
  db: Executor,
  orgId: OrgId,
  agent: { id: string; currentKeyPrefix: string },
  values: AgentEnrolment,
): Promise<AgentRow | undefined> {
  return db
    .updateTable('agents')
    .set({
      name: values.name,
      os: values.os,
      ip_address: values.ip_address ?? null,
      version: values.version ?? null,
      key_prefix: values.key_prefix,
      key_hash: values.key_hash,
      enrollment_key_id: values.enrollment_key_id ?? null,
      status: 'enrolled',
      key_rotated_at: sql`now()`,
      updated_at: sql`now()`,
    })
    .where('agents.org_id', '=', orgId)
    .where('agents.id', '=', agent.id)
    .where('agents.key_prefix', '=', agent.currentKeyPrefix)
    .where('agents.revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export function findAgent(db: Executor, orgId: OrgId, agentId: string): Promise<AgentView | undefined> {
  return selectAgents(db, orgId).where('agents.id', '=', agentId).executeTakeFirst();
}

export function findAgentByPublicId(db: Executor, orgId: OrgId, publicId: number): Promise<AgentView | undefined> {
  return selectAgents(db, orgId).where('agents.public_id', '=', publicId).executeTakeFirst();
}

export type AgentLabel = { id: string; public_id: number; name: string };

/** Public ids and names of the given agents (internal ids) of the organisation, for read views. */
export function findAgentLabels(db: Executor, orgId: OrgId, agentIds: readonly string[]): Promise<AgentLabel[]> {
  if (agentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('agents')
    .select(['agents.id', 'agents.public_id', 'agents.name'])
    .where('agents.org_id', '=', orgId)
    .where('agents.id', 'in', [...agentIds])
    .execute();
}

export function listAgents(db: Executor, orgId: OrgId, options: { includeRevoked: boolean; limit: number }): Promise<AgentView[]> {
  let query = selectAgents(db, orgId);
  if (!options.includeRevoked) query = query.where('agents.revoked_at', 'is', null);
  return query.orderBy('agents.name').orderBy('agents.public_id').limit(options.limit).execute();
}

export type HeartbeatValues = {
  status: string;
  lastSeen: Date | null;
  lastIp: string | null;
  version?: string | undefined;
  ipAddress?: string | undefined;
  heartbeatIntervalSeconds?: number | undefined;
};

/**
 * Stamps the heartbeat with the database clock; a revoked agent is not updated, nor one whose public
 * id is not `publicId` when given (a heartbeat addressed to another agent's path).
 */
export function recordAgentHeartbeat(db: Executor, orgId: OrgId, agentId: string, values: HeartbeatValues, publicId?: number): Promise<AgentView | undefined> {
  let query = db
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
    .where('agents.revoked_at', 'is', null);
  if (publicId !== undefined) query = query.where('agents.public_id', '=', publicId);
  return query.returningAll().returning(sql<boolean>`false`.as('silent')).executeTakeFirst();
}

export function revokeAgent(db: Executor, orgId: OrgId, publicId: number): Promise<AgentView | undefined> {
  return db
    .updateTable('agents')
    .set({ revoked_at: sql`coalesce(revoked_at, now())`, updated_at: sql`now()` })
    .where('agents.org_id', '=', orgId)
    .where('agents.public_id', '=', publicId)
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

/** The organisation's agents whose name is `name`, case-insensitive (host names are not unique: several may match). */
export function listAgentsNamed(db: Executor, orgId: OrgId, name: string, options: { includeRevoked: boolean; limit: number }): Promise<AgentView[]> {
  let query = selectAgents(db, orgId).where(sql<string>`lower(agents.name)`, '=', name.toLowerCase());
  if (!options.includeRevoked) query = query.where('agents.revoked_at', 'is', null);
  return query.orderBy('agents.public_id').limit(options.limit).execute();
}
