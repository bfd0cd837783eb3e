import type { Executor, OrgId } from '../../core/database.ts';
import { type AgentLabel, findAgent, findAgentByPublicId, findAgentLabels, listAgents, listAgentsNamed } from '../../db/repos/agents.repo.ts';
import { type AgentDto, toAgentDto } from './agent.dto.ts';

/**
 * The organisation's agents for other domains acting on endpoints (the response domain's agent queue):
 * looked up with a database handle rather than a caller, as enforcement adapters and jobs have none.
 */
export type AgentLookup = { id: string } | { publicId: number };

export async function findOrgAgentBy(db: Executor, orgId: OrgId, by: AgentLookup): Promise<AgentDto | undefined> {
  const agent = 'id' in by ? await findAgent(db, orgId, by.id) : await findAgentByPublicId(db, orgId, by.publicId);
  return agent ? toAgentDto(agent) : undefined;
}

/** Agents enrolled under the host name `hostname` (case-insensitive), oldest first. */
export async function orgAgentsOnHost(db: Executor, orgId: OrgId, hostname: string, options: { includeRevoked: boolean; limit: number }): Promise<AgentDto[]> {
  return (await listAgentsNamed(db, orgId, hostname, options)).map(toAgentDto);
}

/** Every live (not revoked) agent of the organisation, up to `limit`. */
export async function liveOrgAgents(db: Executor, orgId: OrgId, limit: number): Promise<AgentDto[]> {
  return (await listAgents(db, orgId, { includeRevoked: false, limit })).map(toAgentDto);
}

export type { AgentLabel };

/** Public ids and names of the given agents (internal ids) of the organisation, revoked ones included. */
export function orgAgentLabels(db: Executor, orgId: OrgId, agentIds: readonly string[]): Promise<AgentLabel[]> {
  return findAgentLabels(db, orgId, agentIds);
}
