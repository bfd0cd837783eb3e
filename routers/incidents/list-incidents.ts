import { z } from 'zod';
import { orgContext, orgProcedure } from '../../server/auth/procedures.ts';
import { ZIncident } from '../../services/incidents/incident.dto.ts';
import { listIncidents } from '../../services/incidents/incidents-read.service.ts';
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
    const page = await listIncidents(orgContext(ctx), listFilter(input), { limit: input.limit, offset: input.offset });
    ctx.response.headers['x-total-count'] = String(page.total);
    return page.incidents;
  });
