import { z } from 'zod';
import { orgContext, orgProcedure } from '../../server/auth/procedures.ts';
import { toAgentDto, ZAgent } from '../../services/agents/agent.dto.ts';
import { listOrgAgents } from '../../services/agents/agents.service.ts';

export const listAgentsProcedure = orgProcedure('events:read')
  .meta({ openapi: { method: 'GET', path: '/agents', tags: ['agents'], summary: "The organisation's agents, with status computed from their heartbeats" } })
  .input(
    z.object({
      include_revoked: z
        .enum(['true', 'false'])
        .default('false')
        .transform((value) => value === 'true'),
    }),
  )
  .output(z.array(ZAgent))
  .query(async ({ ctx, input }) => (await listOrgAgents(orgContext(ctx), { includeRevoked: input.include_revoked })).map(toAgentDto));
