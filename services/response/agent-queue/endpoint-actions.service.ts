import type { OrgServiceContext } from '../../../core/context.ts';
import { AppError } from '../../../core/errors.ts';
import { roleCan } from '../../../core/permissions.ts';
import {
  completeEndpointAction,
  type EndpointActionRow,
  expireOverdueEndpointActions,
  listEndpointActions,
  listEndpointActionsOfResponse,
  listPendingForAgent,
  lockAgentEndpointAction,
} from '../../../db/repos/endpoint-actions.repo.ts';
import { latestActionOn, type ResponseActionRow } from '../../../db/repos/response-actions.repo.ts';
import { type AgentDto, findOrgAgentBy, orgAgentLabels, orgAgentsOnHost } from '../../agents/index.ts';
import { actorOf, recordAudit } from '../../identity/index.ts';
import { callerActor, SYSTEM_ACTOR } from '../actor.ts';
import { executeAction } from '../request-action.service.ts';
import { IN_FORCE, revertAction } from '../revert-action.service.ts';
import { canonicalTarget } from '../targets.ts';
import { type EndpointActionDto, toEndpointActionDto } from './endpoint-action.dto.ts';
import { type AnalystEndpointAction, queueForAgents } from './endpoint-queue.ts';
import { expireOverdue, settleFinishedResponses } from './settle.ts';

/** Commands an agent is handed per poll at most; the rest come with the next polls, oldest first. */
export const MAX_ACTIONS_PER_POLL = 50;
const MAX_AGENTS_PER_HOST = 100;

/** Isolation goes through the response lifecycle (approval rules, budget, transitions, incident notes). */
const THROUGH_RESPONSE: Partial<Record<AnalystEndpointAction, 'isolate_host' | 'un_isolate_host'>> = { isolate: 'isolate_host', release: 'un_isolate_host' };

async function toDtos(ctx: OrgServiceContext, rows: readonly EndpointActionRow[]): Promise<EndpointActionDto[]> {
  const labels = new Map((await orgAgentLabels(ctx.deps.db, ctx.orgId, [...new Set(rows.map((row) => row.agent_id))])).map((label) => [label.id, label]));
  const now = new Date();
  return rows.map((row) => toEndpointActionDto(row, labels.get(row.agent_id), now));
}

async function toDto(ctx: OrgServiceContext, row: EndpointActionRow): Promise<EndpointActionDto> {
  const [dto] = await toDtos(ctx, [row]);
  if (!dto) throw new AppError('INTERNAL', 'endpoint action vanished while mapping');
  return dto;
}

export type EndpointActionQuery = {
  hostname?: string | undefined;
  endpointId?: number | undefined;
  status?: string | undefined;
  beforeId?: number | undefined;
  limit: number;
};

/**
 * `GET /agent/actions`. An agent (its X-Agent-Key) gets its own endpoint's pending, unexpired actions,
 * oldest first, whatever host name or endpoint it names: EventSec handed any key any host's actions.
 * People and API keys with incidents:read get the organisation's actions, newest first, filtered.
 */
export async function listAgentActions(ctx: OrgServiceContext, query: EndpointActionQuery): Promise<EndpointActionDto[]> {
  const { principal } = ctx;
  if (principal.actorType === 'agent') {
    await expireOverdue(ctx.deps, ctx.orgId, principal.actorId);
    return toDtos(ctx, await listPendingForAgent(ctx.deps.db, ctx.orgId, principal.actorId, Math.min(query.limit, MAX_ACTIONS_PER_POLL)));
  }
  if (!roleCan(principal.role, 'incidents:read'))
    throw new AppError('FORBIDDEN', `Your role '${principal.role}' may not do this (needs incidents:read, or an agent key)`);
  await expireOverdue(ctx.deps, ctx.orgId);
  let agentIds: string[] | undefined;
  if (query.hostname !== undefined) {
    agentIds = (await orgAgentsOnHost(ctx.deps.db, ctx.orgId, query.hostname, { includeRevoked: true, limit: MAX_AGENTS_PER_HOST })).map((agent) => agent.uuid);
  }
  if (query.endpointId !== undefined) {
    const agent = await findOrgAgentBy(ctx.deps.db, ctx.orgId, { publicId: query.endpointId });
    agentIds = agent && (agentIds === undefined || agentIds.includes(agent.uuid)) ? [agent.uuid] : [];
  }
  const rows = await listEndpointActions(ctx.deps.db, ctx.orgId, { agentIds, status: query.status, beforeId: query.beforeId }, query.limit);
  return toDtos(ctx, rows);
}

export type EndpointActionRequest = {
  endpointId?: number | undefined;
  hostname?: string | undefined;
  actionType: AnalystEndpointAction;
  parameters: Record<string, unknown>;
};

function invalid(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${path}: ${message}`, { issues: [{ path, message }] });
}

async function resolveEndpoint(ctx: OrgServiceContext, request: EndpointActionRequest): Promise<AgentDto> {
  if (request.endpointId !== undefined) {
    const agent = await findOrgAgentBy(ctx.deps.db, ctx.orgId, { publicId: request.endpointId });
    if (!agent) throw new AppError('NOT_FOUND', `Endpoint '${request.endpointId}' not found`);
    if (request.hostname !== undefined && agent.name.toLowerCase() !== request.hostname.toLowerCase()) {
      throw invalid('hostname', `is not the host name of endpoint ${agent.id} (${agent.name}); send one of them`);
    }
    if (agent.status === 'revoked') throw new AppError('CONFLICT', `Endpoint ${agent.id}'s agent is revoked: it can no longer receive actions`);
    return agent;
  }
  if (request.hostname === undefined) throw invalid('endpoint_id', 'name the endpoint: endpoint_id or hostname');
  const agents = await orgAgentsOnHost(ctx.deps.db, ctx.orgId, request.hostname, { includeRevoked: false, limit: MAX_AGENTS_PER_HOST });
  const [first] = agents;
  if (!first) throw new AppError('NOT_FOUND', `No enrolled agent on host '${request.hostname}'`);
  if (agents.length > 1 && THROUGH_RESPONSE[request.actionType] === undefined) {
    throw new AppError(
      'CONFLICT',
      `${agents.length} agents are enrolled as ${request.hostname} (endpoints ${agents.map((agent) => agent.id).join(', ')}): name one with endpoint_id`,
    );
  }
  return first;
}

/** Isolates the host, or releases it by undoing the isolation in force (which then reads reverted). */
async function carryOutOnHost(
  ctx: OrgServiceContext,
  type: 'isolate_host' | 'un_isolate_host',
  hostname: string,
  params: Record<string, unknown>,
): Promise<ResponseActionRow> {
  if (type === 'un_isolate_host') {
    const isolation = await latestActionOn(ctx.deps.db, ctx.orgId, ['isolate_host'], canonicalTarget('host', hostname, 'hostname'));
    if (isolation && (IN_FORCE as readonly string[]).includes(isolation.status))
      return revertAction(ctx.deps, ctx.orgId, callerActor(ctx), Number(isolation.id));
  }
  return executeAction(ctx.deps, ctx.orgId, callerActor(ctx), { type, target: hostname, targetField: 'hostname', source: 'manual', params });
}

/**
 * `POST /agent/actions`. Isolate and release are response actions (recorded with their transitions,
 * completed when the agent reports): the endpoint action the agent adapter queued is returned. The other
 * commands are queued for the endpoint's agent directly, and audited.
 */
export async function requestEndpointAction(ctx: OrgServiceContext, request: EndpointActionRequest): Promise<EndpointActionDto> {
  if (request.actionType === 'command' && (typeof request.parameters.command !== 'string' || request.parameters.command.trim() === '')) {
    throw invalid('parameters.command', 'a command action needs the command line to run');
  }
  const agent = await resolveEndpoint(ctx, request);
  const responseType = THROUGH_RESPONSE[request.actionType];
  if (responseType) {
    const action = await carryOutOnHost(ctx, responseType, agent.name, request.parameters);
    const queued = await listEndpointActionsOfResponse(ctx.deps.db, ctx.orgId, Number(action.id));
    const mine = queued.find((row) => row.agent_id === agent.uuid) ?? queued[0];
    if (!mine) {
      throw new AppError(
        'PRECONDITION_FAILED',
        `${request.actionType} was not queued: response action ${action.id} is ${action.status}${action.status_detail ? ` (${action.status_detail})` : ''}`,
      );
    }
    return toDto(ctx, mine);
  }
  const row = await ctx.deps.db.transaction().execute(async (trx) => {
    const [queued] = await queueForAgents(
      trx,
      ctx.orgId,
      [agent.uuid],
      { type: request.actionType, parameters: request.parameters, responseActionId: null },
      { id: ctx.principal.actorId, type: ctx.principal.actorType },
    );
    if (!queued) throw new AppError('INTERNAL', 'endpoint action not stored');
    await recordAudit(trx, ctx, {
      orgId: ctx.orgId,
      action: 'endpoint_action.requested',
      actor: actorOf(ctx),
      target: { type: 'endpoint_action', id: String(queued.id) },
      details: { endpoint_id: agent.id, hostname: agent.name, action_type: request.actionType, parameters: request.parameters },
    });
    return queued;
  });
  return toDto(ctx, row);
}

export type AgentReport = { success: boolean; output?: string | null | undefined };

/**
 * `POST /agent/actions/{id}/complete`: the agent reports one of its own actions done or failed. Another
 * agent's action is not found (404). A report on an action that is no longer pending changes nothing
 * and returns it as it is; one past its expiry finds it expired. When the action carries out a
 * response action and every agent involved has reported, the response action settles.
 */
export async function completeOwnEndpointAction(ctx: OrgServiceContext, actionId: number, report: AgentReport): Promise<EndpointActionDto> {
  const { principal } = ctx;
  if (principal.actorType !== 'agent') throw new AppError('FORBIDDEN', 'Only the agent the action is for reports it, with its X-Agent-Key');
  const { row, changed, reported } = await ctx.deps.db.transaction().execute(async (trx) => {
    const locked = await lockAgentEndpointAction(trx, ctx.orgId, principal.actorId, actionId);
    if (!locked) throw new AppError('NOT_FOUND', `Endpoint action '${actionId}' not found`);
    if (locked.status !== 'pending') return { row: locked, changed: [], reported: false };
    const done = await completeEndpointAction(trx, ctx.orgId, actionId, { status: report.success ? 'completed' : 'failed', output: report.output ?? null });
    if (done) return { row: done, changed: [done], reported: true };
    // past its expiry by the database clock: it reads expired, and the report is not recorded
    const expired = await expireOverdueEndpointActions(trx, ctx.orgId, principal.actorId);
    return { row: expired.find((candidate) => Number(candidate.id) === actionId) ?? locked, changed: expired, reported: false };
  });
  if (changed.length > 0) await settleFinishedResponses(ctx.deps, ctx.orgId, changed, reported ? { id: principal.actorId, type: 'agent' } : SYSTEM_ACTOR);
  return toDto(ctx, row);
}
