import { z } from 'zod';
import { completeOwnEndpointAction, ZEndpointAction } from '../../services/response/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZPositiveId } from './agent-queue.schemas.ts';

const MAX_OUTPUT_BYTES = 64 * 1024;

export const completeAgentActionProcedure = orgProcedure('telemetry:report')
  .meta({
    openapi: {
      method: 'POST',
      path: '/agent/actions/{action_id}/complete',
      tags: ['response'],
      summary: 'The agent reports one of its actions done or failed (agent key only)',
      description:
        'Body `{success = true, output?}` (output ≤ 64 KiB). Only the agent of the action’s endpoint may report it: any other action answers 404, like a missing one. A report on an action no longer pending returns it unchanged; one past expires_at finds it expired. When every agent carrying out a response action has reported, that action completes (all succeeded) or fails.',
    },
  })
  .input(
    z.object({
      action_id: ZPositiveId('Endpoint action id'),
      success: z.boolean().default(true),
      output: z
        .string()
        .refine((output) => Buffer.byteLength(output) <= MAX_OUTPUT_BYTES, `at most ${MAX_OUTPUT_BYTES} bytes`)
        .nullable()
        .optional(),
    }),
  )
  .output(ZEndpointAction)
  .mutation(({ ctx, input }) => completeOwnEndpointAction(ctx.service, input.action_id, { success: input.success, output: input.output }));
