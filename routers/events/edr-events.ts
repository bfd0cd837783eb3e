import { z } from 'zod';
import { getPostedEdrEvent, listEdrEvents, ZEdrEvent } from '../../services/events/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZViewQuery } from './network.schemas.ts';
import { createViewEventsProcedure, deleteViewEventsProcedure } from './view-procedures.ts';

export const createEdrEventsProcedure = createViewEventsProcedure('edr', ZEdrEvent, getPostedEdrEvent);

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
