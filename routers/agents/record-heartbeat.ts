import { z } from 'zod';
import { recordHeartbeat, ZHeartbeatReceipt, ZReportedTime } from '../../services/agents/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZAgentIdParam, ZOptionalIp } from './agents.schemas.ts';

// Statuses the server derives; an agent reporting them would misrepresent its state.
const RESERVED_STATUSES = ['enrolled', 'revoked'];

export const recordHeartbeatProcedure = orgProcedure('telemetry:report')
  .meta({
    openapi: {
      method: 'POST',
      path: '/agents/{agent_id}/heartbeat',
      tags: ['agents'],
      summary: "Agent heartbeat (the agent's own key): stamped with the server clock; silent for 3 intervals shows offline",
    },
  })
  .input(
    ZAgentIdParam.extend({
      version: z.string().trim().max(100).optional(),
      ip_address: ZOptionalIp,
      status: z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z][a-z0-9_-]{0,31}$/, 'a short word such as online, degraded or isolated')
        .refine((status) => !RESERVED_STATUSES.includes(status), `${RESERVED_STATUSES.join(' and ')} are set by the server`)
        .optional()
        .describe("What the agent reports (default 'online')"),
      last_seen: ZReportedTime.optional().describe("The agent's clock; kept as reported, never used for liveness"),
      heartbeat_interval_seconds: z.number().int().min(5).max(86_400).optional().describe('How often this agent sends heartbeats (default 60)'),
    }),
  )
  .output(ZHeartbeatReceipt)
  .mutation(({ ctx, input }) => {
    const { agent_id, ...heartbeat } = input;
    return recordHeartbeat(ctx.service, agent_id, heartbeat);
  });
