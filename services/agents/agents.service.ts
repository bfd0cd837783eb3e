import { isIP } from 'node:net';
import type { OrgServiceContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { findAgentByPublicId, listAgents, recordAgentHeartbeat, revokeAgent } from '../../db/repos/agents.repo.ts';
import { actorOf, recordAudit } from '../identity/index.ts';
import { type AgentDto, type HeartbeatReceipt, toAgentDto, toHeartbeatReceiptDto } from './agent.dto.ts';

export const MAX_AGENTS_LISTED = 1000;

const notFound = (agentId: number) => new AppError('NOT_FOUND', `Agent '${agentId}' not found`);

export async function listOrgAgents(ctx: OrgServiceContext, options: { includeRevoked: boolean }): Promise<AgentDto[]> {
  return (await listAgents(ctx.deps.db, ctx.orgId, { includeRevoked: options.includeRevoked, limit: MAX_AGENTS_LISTED })).map(toAgentDto);
}

export async function getOrgAgent(ctx: OrgServiceContext, agentId: number): Promise<AgentDto> {
  const agent = await findAgentByPublicId(ctx.deps.db, ctx.orgId, agentId);
  if (!agent) throw notFound(agentId);
  return toAgentDto(agent);
}

/** The agent's key stops working at once; its events stay. Re-enrolling the host creates a new agent. */
export function revokeOrgAgent(ctx: OrgServiceContext, agentId: number): Promise<AgentDto> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const agent = await revokeAgent(trx, ctx.orgId, agentId);
    if (!agent) throw notFound(agentId);
    await recordAudit(trx, ctx, {
      orgId: ctx.orgId,
      action: 'agent.revoked',
      actor: actorOf(ctx),
      target: { type: 'agent', id: agent.id },
      details: { name: agent.name, public_id: agent.public_id },
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
 * Records a heartbeat from the calling agent. Only an agent key may send one; addressed to an agent
 * id (`/agents/{agent_id}/heartbeat`), only to its own: any other id answers 404, like a missing
 * agent. Without an id (`/agent/heartbeat`) the key names the agent. The time is the server's.
 */
export async function recordHeartbeat(ctx: OrgServiceContext, agentId: number | undefined, input: HeartbeatInput): Promise<HeartbeatReceipt> {
  if (ctx.principal.actorType !== 'agent') throw new AppError('FORBIDDEN', 'Heartbeats are sent with the agent key (X-Agent-Key or X-Agent-Token)');
  const values = {
    status: input.status ?? 'online',
    lastSeen: input.last_seen ?? null,
    lastIp: ctx.ip !== null && isIP(ctx.ip) !== 0 ? ctx.ip : null,
    version: input.version,
    ipAddress: input.ip_address ?? undefined,
    heartbeatIntervalSeconds: input.heartbeat_interval_seconds,
  };
  const agent = await recordAgentHeartbeat(ctx.deps.db, ctx.orgId, ctx.principal.actorId, values, agentId);
  if (!agent) {
    if (agentId !== undefined) throw notFound(agentId);
    // the key was checked moments ago: the agent was revoked in between
    throw new AppError('UNAUTHENTICATED', 'Invalid, expired or revoked credentials');
  }
  return toHeartbeatReceiptDto(agent);
}
