import { orgContext, orgProcedure } from '../../server/auth/procedures.ts';
import { toAgentDto, ZAgent } from '../../services/agents/agent.dto.ts';
import { getOrgAgent } from '../../services/agents/agents.service.ts';
import { ZAgentIdParam } from './agents.schemas.ts';

export const getAgentProcedure = orgProcedure('events:read')
  .meta({ openapi: { method: 'GET', path: '/agents/{agent_id}', tags: ['agents'], summary: 'One agent of your organisation' } })
  .input(ZAgentIdParam)
  .output(ZAgent)
  .query(async ({ ctx, input }) => toAgentDto(await getOrgAgent(orgContext(ctx), input.agent_id)));
