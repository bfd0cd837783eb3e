import { z } from 'zod';
import { listEdrEvents, SEVERITY_WORDS } from '../../services/events/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZViewQuery } from './network.schemas.ts';
import { createViewEventsProcedure, deleteViewEventsProcedure } from './view-procedures.ts';

const ZEdrEvent = z.object({
  id: z.number().int(),
  timestamp: z.string(),
  hostname: z.string().nullable(),
  username: z.string().nullable(),
  event_type: z.string(),
  process_name: z.string().nullable(),
  action: z.string().nullable(),
  severity: z.enum(SEVERITY_WORDS),
  details: z.record(z.string(), z.unknown()),
});

export const createEdrEventsProcedure = createViewEventsProcedure('edr');

export const listEdrEventsProcedure = orgProcedure('events:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/edr/events',
      tags: ['edr'],
      summary: 'EDR events, newest first: those posted here and agents’ EDR telemetry (24 h by default)',
    },
  })
  .input(ZViewQuery)
  .output(z.array(ZEdrEvent))
  .query(({ ctx, input }) =>
    listEdrEvents(ctx.service, { q: input.q, severity: input.severity, size: input.size, timeRange: input.time_range, sinceMs: input.since_ms }),
  );

export const deleteEdrEventsProcedure = deleteViewEventsProcedure('edr');
