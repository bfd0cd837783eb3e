import { z } from 'zod';
import { getIncidentTrends, ZIncidentTrends } from '../../services/cases/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZTimeParam } from './incidents.schemas.ts';

export const getIncidentTrendsProcedure = orgProcedure('incidents:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/incidents/timeline',
      tags: ['incidents'],
      summary: 'Incident timeline data (Mini-XDR): incidents created per hour or day, by threat category',
      description: 'since/until default to the last 7 days (90 at most). bucket defaults to hour up to 72 h, else day; hour covers 14 days at most.',
    },
  })
  .input(
    z.object({
      since: ZTimeParam.optional(),
      until: ZTimeParam.optional(),
      bucket: z.enum(['hour', 'day']).optional(),
    }),
  )
  .output(ZIncidentTrends)
  .query(({ ctx, input }) => getIncidentTrends(ctx.service, input));
