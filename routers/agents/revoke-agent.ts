import { revokeOrgAgent, ZAgent } from '../../services/agents/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZAgentIdParam } from './agents.schemas.ts';

export const revokeAgentProcedure = orgProcedure('api_keys:manage')
  .meta({
    openapi: {
      method: 'DELETE',
      path: '/api/agents/{agent_id}',
      tags: ['agents'],
      summary: 'Revoke an agent (admin): its key stops working at once; its events stay',
    },
  })
  .input(ZAgentIdParam)
  .output(ZAgent)
  .mutation(({ ctx, input }) => revokeOrgAgent(ctx.service, input.agent_id));
