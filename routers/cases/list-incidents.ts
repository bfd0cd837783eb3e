import { z } from 'zod';
import { listIncidents, ZIncident } from '../../services/cases/index.ts';
import { orgProcedure } from '../procedures.ts';
import { listFilter, TOTAL_COUNT_NOTE, ZListQuery, ZTotalCountHeader } from './incidents.schemas.ts';

export const listIncidentsProcedure = orgProcedure('incidents:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/incidents',
      tags: ['incidents'],
      responseHeaders: ZTotalCountHeader,
      summary: "The organisation's incidents, filtered and paginated (Mini-XDR and EventSec)",
      description: `${TOTAL_COUNT_NOTE} Filters: status, escalation_level, threat_category, src_ip, since/until (created_at), min_risk, assigned_to.`,
    },
  })
  .input(ZListQuery)
  .output(z.array(ZIncident))
  .query(async ({ ctx, input }) => {
    const page = await listIncidents(ctx.service, listFilter(input), { limit: input.limit, offset: input.offset });
    ctx.response.headers['x-total-count'] = String(page.total);
    return page.incidents;
  });
