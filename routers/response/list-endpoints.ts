import { z } from 'zod';
import { listEndpoints, ZEndpoint } from '../../services/response/index.ts';
import { orgProcedure } from '../procedures.ts';

export const listEndpointsProcedure = orgProcedure('events:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/endpoints',
      tags: ['response'],
      summary: "The organisation's endpoints: its enrolled agents, ordered by host name (EventSec)",
      description:
        'One endpoint per enrolled agent; its id is the agent id. Status comes from the agent itself (its isolate/release reports, else its heartbeats); inventory fields Vigil does not collect are null, never invented. `?include_revoked=true` lists revoked agents too.',
    },
  })
  .input(
    z.object({
      include_revoked: z
        .enum(['true', 'false'])
        .default('false')
        .transform((value) => value === 'true'),
    }),
  )
  .output(z.array(ZEndpoint))
  .query(({ ctx, input }) => listEndpoints(ctx.service, { includeRevoked: input.include_revoked }));
