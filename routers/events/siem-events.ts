import { z } from 'zod';
import { getPostedSiemEvent, listSiemEvents, ZSiemEvent } from '../../services/events/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZViewQuery } from './network.schemas.ts';
import { createViewEventsProcedure, deleteViewEventsProcedure } from './view-procedures.ts';

export const createSiemEventsProcedure = createViewEventsProcedure('siem', ZSiemEvent, getPostedSiemEvent);

export const listSiemEventsProcedure = orgProcedure('events:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/siem/events',
      tags: ['siem'],
      summary: 'SIEM events (EventSec view items, Wazuh alerts), newest first (24 h by default)',
    },
  })
  .input(ZViewQuery.extend({ size: z.coerce.number().int().min(1).max(500).default(200) }))
  .output(z.array(ZSiemEvent))
  .query(({ ctx, input }) =>
    listSiemEvents(ctx.service, { q: input.q, severity: input.severity, size: input.size, timeRange: input.time_range, sinceMs: input.since_ms }),
  );

export const deleteSiemEventsProcedure = deleteViewEventsProcedure('siem');
