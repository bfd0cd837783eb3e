import { type Insertable, type Selectable, sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { EndpointActions } from '../schema.generated.ts';

export type EndpointActionRow = Selectable<EndpointActions>;

/** A command for one agent; it is handed out until `ttlSeconds` pass, then it reads expired. */
export type NewEndpointAction = Pick<
  Insertable<EndpointActions>,
  'agent_id' | 'action_type' | 'parameters' | 'requested_by' | 'requested_by_type' | 'response_action_id'
> & {
  ttlSeconds: number;
};

export function insertEndpointActions(db: Executor, orgId: OrgId, values: readonly NewEndpointAction[]): Promise<EndpointActionRow[]> {
  if (values.length === 0) return Promise.resolve([]);
  return db
    .insertInto('endpoint_actions')
    .values(
      values.map(({ ttlSeconds, ...value }) => ({
        ...value,
        org_id: orgId,
        status: 'pending',
        expires_at: sql<Date>`now() + make_interval(secs => ${ttlSeconds})`,
      })),
    )
    .returningAll()
    .execute();
}

export function findEndpointAction(db: Executor, orgId: OrgId, id: number): Promise<EndpointActionRow | undefined> {
  return db.selectFrom('endpoint_actions').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** Locks one action of one agent (the caller's own): another agent's action is not found. */
export function lockAgentEndpointAction(db: Executor, orgId: OrgId, agentId: string, id: number): Promise<EndpointActionRow | undefined> {
  return db
    .selectFrom('endpoint_actions')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('agent_id', '=', agentId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** The agent's pending actions that have not expired, oldest first (the order it should run them). */
export function listPendingForAgent(db: Executor, orgId: OrgId, agentId: string, limit: number): Promise<EndpointActionRow[]> {
  return db
    .selectFrom('endpoint_actions')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('agent_id', '=', agentId)
    .where('status', '=', 'pending')
    .where('expires_at', '>', sql<Date>`now()`)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Records the agent's report on a pending action; undefined when it was no longer pending (or had expired). */
export function completeEndpointAction(
  db: Executor,
  orgId: OrgId,
  id: number,
  report: { status: 'completed' | 'failed'; output: string | null },
): Promise<EndpointActionRow | undefined> {
  return db
    .updateTable('endpoint_actions')
    .set({ status: report.status, output: report.output, completed_at: sql<Date>`now()` })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('expires_at', '>', sql<Date>`now()`)
    .returningAll()
    .executeTakeFirst();
}

/** Pending actions past their expiry become expired (of one agent, or of the whole organisation). */
export function expireOverdueEndpointActions(db: Executor, orgId: OrgId, agentId?: string): Promise<EndpointActionRow[]> {
  let query = db
    .updateTable('endpoint_actions')
    .set({ status: 'expired' })
    .where('org_id', '=', orgId)
    .where('status', '=', 'pending')
    .where('expires_at', '<=', sql<Date>`now()`);
  if (agentId !== undefined) query = query.where('agent_id', '=', agentId);
  return query.returningAll().execute();
}

export type EndpointActionFilter = { agentIds?: readonly string[] | undefined; status?: string | undefined; beforeId?: number | undefined };

/** Newest first. */
export function listEndpointActions(db: Executor, orgId: OrgId, filter: EndpointActionFilter, limit: number): Promise<EndpointActionRow[]> {
  if (filter.agentIds?.length === 0) return Promise.resolve([]);
  let query = db.selectFrom('endpoint_actions').selectAll().where('org_id', '=', orgId);
  if (filter.agentIds !== undefined) query = query.where('agent_id', 'in', [...filter.agentIds]);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
  return query.orderBy('id', 'desc').limit(limit).execute();
}

/** Every endpoint action carrying out one response action. */
export function listEndpointActionsOfResponse(db: Executor, orgId: OrgId, responseActionId: number): Promise<EndpointActionRow[]> {
  return db.selectFrom('endpoint_actions').selectAll().where('org_id', '=', orgId).where('response_action_id', '=', responseActionId).orderBy('id').execute();
}

/**
 * Each agent's latest successful report among `types` (e.g. isolate and release), and for url/sender
 * blocks only those naming `parameter` = `value`: what the agents themselves said they did last.
 */
export function latestCompletedOfAgents(
  db: Executor,
  orgId: OrgId,
  agentIds: readonly string[],
  types: readonly string[],
  match?: { parameter: string; value: string },
): Promise<EndpointActionRow[]> {
  if (agentIds.length === 0) return Promise.resolve([]);
  let query = db
    .selectFrom('endpoint_actions')
    .selectAll()
    .distinctOn('agent_id')
    .where('org_id', '=', orgId)
    .where('agent_id', 'in', [...agentIds])
    .where('action_type', 'in', [...types])
    .where('status', '=', 'completed');
  if (match) query = query.where(sql<string>`parameters ->> ${match.parameter}`, '=', match.value);
  return query.orderBy('agent_id').orderBy('completed_at', 'desc').orderBy('id', 'desc').execute();
}
