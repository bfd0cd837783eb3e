import { z } from 'zod';
import { listIncidents, ZIncident } from '../../services/cases/index.ts';
import { orgProcedure } from '../procedures.ts';
import { listFilter, sharedPathVocabulary, TOTAL_COUNT_NOTE, ZListQuery, ZTotalCountHeader } from './incidents.schemas.ts';

/** The same use case on both documented paths: /incidents, and /api/incidents where Mini-XDR's front-end calls it. */
function listIncidentsAt(path: '/incidents' | '/api/incidents', summary: string) {
  return orgProcedure('incidents:read')
    .meta({
      openapi: {
        method: 'GET',
        path,
        tags: ['incidents'],
        responseHeaders: ZTotalCountHeader,
        summary,
        description: `${TOTAL_COUNT_NOTE} Filters: status, escalation_level, threat_category, src_ip, since/until (created_at), min_risk, assigned_to (user id). Statuses are answered in the caller's API's words (vocabulary overrides); a status filter in those words selects every incident shown with that word (Mini-XDR's resolved includes EventSec's closed), and the other API's words are accepted too.`,
      },
    })
    .input(ZListQuery)
    .output(z.array(ZIncident))
    .query(async ({ ctx, input }) => {
      const vocabulary = sharedPathVocabulary(ctx.service.principal, input.vocabulary);
      const page = await listIncidents(ctx.service, listFilter(input), { limit: input.limit, offset: input.offset }, vocabulary);
      ctx.response.headers['x-total-count'] = String(page.total);
      return page.incidents;
    });
}

export const listIncidentsProcedure = listIncidentsAt('/incidents', "The organisation's incidents, filtered and paginated (Mini-XDR and EventSec)");
export const listApiIncidentsProcedure = listIncidentsAt('/api/incidents', 'Same as GET /incidents, at the path the Mini-XDR front-end calls');
