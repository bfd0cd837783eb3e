import { z } from 'zod';
import { ANALYST_ENDPOINT_ACTIONS, requestEndpointAction, ZEndpointAction } from '../../services/response/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZEndpointId, ZHostname } from './agent-queue.schemas.ts';

const MAX_PARAMETER_BYTES = 16 * 1024;

export const createAgentActionProcedure = orgProcedure('response:execute')
  .meta({
    openapi: {
      method: 'POST',
      path: '/agent/actions',
      tags: ['response'],
      summary: 'Queue an action for an endpoint’s agent (EventSec); done when the agent reports it',
      description: [
        'Body `{endpoint_id or hostname, action_type: isolate|release|reboot|command|malware_scan|triage_scan, parameters?}` (`command` needs `parameters.command`).',
        'isolate and release are response actions (GET /actions/{id} shows every transition): queued for every live agent enrolled under the host name, and completed only when the agents report it; the endpoint action of the named endpoint is returned, with its response_action_id. 412 when nothing was queued (no agent, dry run), with the reason.',
        'The other types are queued for that one agent directly and audited. A host name shared by several live agents needs endpoint_id (409). Every action expires unreported after 24 h.',
      ].join('\n\n'),
    },
  })
  .input(
    z.object({
      endpoint_id: ZEndpointId.optional(),
      hostname: ZHostname.optional(),
      action_type: z.enum(ANALYST_ENDPOINT_ACTIONS),
      parameters: z
        .record(z.string(), z.unknown())
        .default({})
        .refine((parameters) => Buffer.byteLength(JSON.stringify(parameters)) <= MAX_PARAMETER_BYTES, `at most ${MAX_PARAMETER_BYTES} bytes of JSON`),
    }),
  )
  .output(ZEndpointAction)
  .mutation(({ ctx, input }) =>
    requestEndpointAction(ctx.service, {
      endpointId: input.endpoint_id,
      hostname: input.hostname,
      actionType: input.action_type,
      parameters: input.parameters,
    }),
  );
