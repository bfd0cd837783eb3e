import { z } from 'zod';
import { listNetworkSensors } from '../../services/events/index.ts';
import { orgProcedure } from '../procedures.ts';

const ZNetworkSensor = z.object({
  id: z.string(),
  tenant_id: z.string().describe('The organisation slug'),
  name: z.string(),
  kind: z.string(),
  location: z.string().nullable(),
  last_seen_at: z.string(),
  status: z.enum(['healthy', 'degraded', 'offline']).describe('healthy: seen in the last 5 min; degraded: 30 min; else offline'),
  error_count: z.number().int().describe('Records from this sensor rejected at ingest, all time'),
  created_at: z.string(),
  updated_at: z.string(),
});

export const listNetworkSensorsProcedure = orgProcedure('events:read')
  .meta({ openapi: { method: 'GET', path: '/network/sensors', tags: ['network'], summary: 'Network sensors with their status and ingest error count' } })
  .input(z.void())
  .output(z.array(ZNetworkSensor))
  .query(({ ctx }) => listNetworkSensors(ctx.service));
