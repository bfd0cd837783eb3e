import { z } from 'zod';
import { telemetryStatus } from '../../services/agents/index.ts';
import { orgProcedure } from '../procedures.ts';

export const getTelemetryStatusProcedure = orgProcedure('events:read')
  .meta({ openapi: { method: 'GET', path: '/api/telemetry/status', tags: ['agents'], summary: 'Telemetry summary of your organisation: events and agents' } })
  .input(z.void())
  .output(
    z.object({
      hasLogs: z.boolean(),
      lastEventAt: z.string().nullable().describe('Time of the newest stored event'),
      assetsDiscovered: z.number().int().describe('Distinct host names in the events of the last 24 hours'),
      agentsEnrolled: z.number().int().describe('Agents not revoked'),
      incidents: z.number().int().nullable().describe('null: incidents are not tracked by this version'),
      agents: z.object({ total: z.number().int(), online: z.number().int(), offline: z.number().int().describe('Silent for 3 heartbeat intervals') }),
    }),
  )
  .query(async ({ ctx }) => telemetryStatus(ctx.service));
