import { recordHeartbeat, ZHeartbeatReceipt } from '../../services/agents/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZAgentIdParam, ZHeartbeatBody } from './agents.schemas.ts';

export const recordHeartbeatProcedure = orgProcedure('telemetry:report')
  .meta({
    openapi: {
      method: 'POST',
      path: '/agents/{agent_id}/heartbeat',
      tags: ['agents'],
      summary: "Agent heartbeat (the agent's own key): stamped with the server clock; silent for 3 intervals shows offline",
    },
  })
  .input(ZAgentIdParam.extend(ZHeartbeatBody.shape))
  .output(ZHeartbeatReceipt)
  .mutation(({ ctx, input }) => {
    const { agent_id, ...heartbeat } = input;
    return recordHeartbeat(ctx.service, agent_id, heartbeat);
  });
