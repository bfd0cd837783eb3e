import { isIP } from 'node:net';
import type { OrgServiceContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { findAgent, listAgents, recordAgentHeartbeat, revokeAgent } from '../../db/repos/agents.repo.ts';
import { actorOf, recordAudit } from '../identity/index.ts';
import { type AgentDto, type HeartbeatReceipt, toAgentDto, toHeartbeatReceiptDto } from './agent.dto.ts';

export const MAX_AGENTS_LISTED = 1000;

const notFound = (agentId: string) => new AppError('NOT_FOUND', `Agent '${agentId}' not found`);

export async function listOrgAgents(ctx: OrgServiceContext, options: { includeRevoked: boolean }): Promise<AgentDto[]> {
  return (await listAgents(ctx.deps.db, ctx.orgId, { includeRevoked: options.includeRevoked, limit: MAX_AGENTS_LISTED })).map(toAgentDto);
}

export async function getOrgAgent(ctx: OrgServiceContext, agentId: string): Promise<AgentDto> {
  const agent = await findAgent(ctx.deps.db, ctx.orgId, agentId);
  if (!agent) throw notFound(agentId);
  return toAgentDto(agent);
}

/** The agent's key stops working at once; its events stay. Re-enrolling the host creates a new agent. */
export function revokeOrgAgent(ctx: OrgServiceContext, agentId: string): Promise<AgentDto> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const agent = await revokeAgent(trx, ctx.orgId, agentId);
    if (!agent) throw notFound(agentId);
    await recordAudit(trx, ctx, {
      orgId: ctx.orgId,
      action: 'agent.revoked',
      actor: actorOf(ctx),
      target: { type: 'agent', id: agentId },
      details: { name: agent.name },
    });
    return toAgentDto(agent);
  });
}

export type HeartbeatInput = {
  version?: string | undefined;
  ip_address?: string | null | undefined;
  status?: string | undefined;
  last_seen?: Date | undefined;
  heartbeat_interval_seconds?: number | undefined;
};

/**
 * Records a heartbeat from the calling agent. Only an agent key may send one, and only for its own
 * id: any other id answers 404, like a missing agent. The time is the server's.
 */
export async function recordHeartbeat(ctx: OrgServiceContext, agentId: string, input: HeartbeatInput): Promise<HeartbeatReceipt> {
  if (ctx.principal.actorType !== 'agent') throw new AppError('FORBIDDEN', 'Heartbeats are sent with the agent key (X-Agent-Key)');
  if (ctx.principal.actorId !== agentId) throw notFound(agentId);
  const agent = await recordAgentHeartbeat(ctx.deps.db, ctx.orgId, agentId, {
    status: input.status ?? 'online',
    lastSeen: input.last_seen ?? null,
    lastIp: ctx.ip !== null && isIP(ctx.ip) !== 0 ? ctx.ip : null,
    version: input.version,
    ipAddress: input.ip_address ?? undefined,
    heartbeatIntervalSeconds: input.heartbeat_interval_seconds,
  });
  if (!agent) throw notFound(agentId);
  return toHeartbeatReceiptDto(agent);
}
