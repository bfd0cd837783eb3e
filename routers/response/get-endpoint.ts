import { z } from 'zod';
import { getEndpoint, ZEndpoint } from '../../services/response/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZEndpointId } from './agent-queue.schemas.ts';

export const getEndpointProcedure = orgProcedure('events:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/endpoints/{endpoint_id}',
      tags: ['response'],
      summary: 'One endpoint (enrolled agent) of your organisation, with its isolation state as its agent reported it',
    },
  })
  .input(z.object({ endpoint_id: ZEndpointId }))
  .output(ZEndpoint)
  .query(({ ctx, input }) => getEndpoint(ctx.service, input.endpoint_id));
