import { z } from 'zod';
import { ENDPOINT_ACTION_STATUSES, listAgentActions, ZEndpointAction } from '../../services/response/index.ts';
import { orgProcedureAnyOf } from '../procedures.ts';
import { ZEndpointId, ZHostname, ZPositiveId } from './agent-queue.schemas.ts';

/** One route, two callers: the agent pulling its commands (EventSec's Python agent) and analysts reading the queue. */
export const listAgentActionsProcedure = orgProcedureAnyOf(['incidents:read', 'telemetry:report'])
  .meta({
    openapi: {
      method: 'GET',
      path: '/agent/actions',
      tags: ['response'],
      summary: 'Endpoint actions: an agent pulls its own pending commands; analysts list the organisation’s',
      description: [
        '**With an agent key (X-Agent-Key or X-Agent-Token):** the pending, unexpired actions of the calling agent’s own endpoint, oldest first (at most 50 per poll). `?hostname=` and `?endpoint_id=` are ignored: the key names the endpoint. EventSec handed any key any host’s actions (and created endpoints for made-up host names); here an agent never sees another endpoint’s actions, and nothing is created by polling.',
        '**With a user or API key (incidents:read):** the organisation’s endpoint actions, newest first; filters `?hostname=`, `?endpoint_id=`, `?status=`, `?before_id=` (page), `?limit=` (≤ 500, default 100).',
        'A pending action not reported within its expires_at (24 h) is never handed out and reads expired; the response action it carried out then fails.',
      ].join('\n\n'),
    },
  })
  .input(
    z.object({
      hostname: ZHostname.optional(),
      endpoint_id: ZEndpointId.optional(),
      status: z.enum(ENDPOINT_ACTION_STATUSES).optional(),
      before_id: ZPositiveId('Only actions older than this id (the last id of the previous page)').optional(),
      limit: z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(1).max(500).default(100),
    }),
  )
  .output(z.array(ZEndpointAction))
  .query(({ ctx, input }) =>
    listAgentActions(ctx.service, {
      hostname: input.hostname,
      endpointId: input.endpoint_id,
      status: input.status,
      beforeId: input.before_id,
      limit: input.limit,
    }),
  );
