import { recordHeartbeat, ZHeartbeatReceipt } from '../../services/agents/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZHeartbeatBody } from './agents.schemas.ts';

/** EventSec's Python agent beats here, naming itself only by its key. */
export const recordOwnHeartbeatProcedure = orgProcedure('telemetry:report')
  .meta({
    openapi: {
      method: 'POST',
      path: '/agent/heartbeat',
      tags: ['agents'],
      summary: 'Agent heartbeat for the agent whose key is sent (X-Agent-Key or X-Agent-Token); same as /agents/{agent_id}/heartbeat',
    },
  })
  .input(ZHeartbeatBody)
  .output(ZHeartbeatReceipt)
  .mutation(({ ctx, input }) => recordHeartbeat(ctx.service, undefined, input));
