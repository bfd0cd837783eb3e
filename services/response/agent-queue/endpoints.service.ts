import type { OrgServiceContext } from '../../../core/context.ts';
import { AppError } from '../../../core/errors.ts';
import { latestCompletedOfAgents } from '../../../db/repos/endpoint-actions.repo.ts';
import { type AgentDto, findOrgAgentBy, listOrgAgents } from '../../agents/index.ts';
import { type EndpointDto, toEndpointDto } from './endpoint.dto.ts';
import { ISOLATION_ACTIONS } from './endpoint-queue.ts';

async function withIsolation(ctx: OrgServiceContext, agents: readonly AgentDto[]): Promise<EndpointDto[]> {
  const reports = await latestCompletedOfAgents(
    ctx.deps.db,
    ctx.orgId,
    agents.map((agent) => agent.uuid),
    ISOLATION_ACTIONS,
  );
  const latest = new Map(reports.map((report) => [report.agent_id, report]));
  return agents.map((agent) => toEndpointDto(agent, latest.get(agent.uuid)));
}

/** EventSec's endpoints are Vigil's enrolled agents, ordered by host name. */
export async function listEndpoints(ctx: OrgServiceContext, options: { includeRevoked: boolean }): Promise<EndpointDto[]> {
  return withIsolation(ctx, await listOrgAgents(ctx, options));
}

export async function getEndpoint(ctx: OrgServiceContext, endpointId: number): Promise<EndpointDto> {
  const agent = await findOrgAgentBy(ctx.deps.db, ctx.orgId, { publicId: endpointId });
  if (!agent) throw new AppError('NOT_FOUND', `Endpoint '${endpointId}' not found`);
  const [endpoint] = await withIsolation(ctx, [agent]);
  if (!endpoint) throw new AppError('NOT_FOUND', `Endpoint '${endpointId}' not found`);
  return endpoint;
}
