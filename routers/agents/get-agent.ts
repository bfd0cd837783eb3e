import { getOrgAgent, ZAgent } from '../../services/agents/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZAgentIdParam } from './agents.schemas.ts';

export const getAgentProcedure = orgProcedure('events:read')
  .meta({ openapi: { method: 'GET', path: '/agents/{agent_id}', tags: ['agents'], summary: 'One agent of your organisation' } })
  .input(ZAgentIdParam)
  .output(ZAgent)
  .query(({ ctx, input }) => getOrgAgent(ctx.service, input.agent_id));
