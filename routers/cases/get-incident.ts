import { z } from 'zod';
import { getIncidentDetail, ZIncidentDetail } from '../../services/cases/index.ts';
import { orgProcedure } from '../procedures.ts';
import { positiveId } from './incidents.schemas.ts';

export const getIncidentProcedure = orgProcedure('incidents:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/incidents/{id}',
      tags: ['incidents'],
      summary: 'One incident with its events, indicators, summary, alerts and timeline',
      description:
        "Events are those linked to the incident's alerts plus attached event items, oldest first, paginated with events_limit (≤ 200) and events_offset; event_summary counts all of them, iocs come from the latest 1000.",
    },
  })
  .input(
    z.object({
      id: positiveId('Incident id'),
      events_limit: z.coerce.number().int().min(1).max(200).default(50),
      events_offset: z.coerce.number().int().min(0).max(100_000).default(0),
    }),
  )
  .output(ZIncidentDetail)
  .query(({ ctx, input }) => getIncidentDetail(ctx.service, input.id, { limit: input.events_limit, offset: input.events_offset }));
