import { z } from 'zod';
import { listOrgAgents, ZAgent } from '../../services/agents/index.ts';
import { orgProcedure } from '../procedures.ts';

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
  .query(({ ctx, input }) => listOrgAgents(ctx.service, { includeRevoked: input.include_revoked }));
