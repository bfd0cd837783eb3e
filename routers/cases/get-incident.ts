import { z } from 'zod';
import { getIncidentDetail, ZIncidentDetail } from '../../services/cases/index.ts';
import { orgProcedure } from '../procedures.ts';
import { positiveId, sharedPathVocabulary, ZVocabulary } from './incidents.schemas.ts';

/** The same use case on both documented paths: /incidents/{id}, and /api/incidents/{id} where Mini-XDR's front-end calls it. */
function getIncidentAt(path: '/incidents/{id}' | '/api/incidents/{id}', summary: string) {
  return orgProcedure('incidents:read')
    .meta({
      openapi: {
        method: 'GET',
        path,
        tags: ['incidents'],
        summary,
        description:
          "Events are those linked to the incident's alerts plus attached event items, oldest first, paginated with events_limit (≤ 200) and events_offset; event_summary counts all of them, iocs come from the latest 1000.",
      },
    })
    .input(
      z.object({
        id: positiveId('Incident id'),
        events_limit: z.coerce.number().int().min(1).max(200).default(50),
        events_offset: z.coerce.number().int().min(0).max(100_000).default(0),
        vocabulary: ZVocabulary,
      }),
    )
    .output(ZIncidentDetail)
    .query(({ ctx, input }) =>
      getIncidentDetail(
        ctx.service,
        input.id,
        { limit: input.events_limit, offset: input.events_offset },
        sharedPathVocabulary(ctx.service.principal, input.vocabulary),
      ),
    );
}

export const getIncidentProcedure = getIncidentAt('/incidents/{id}', 'One incident with its events, indicators, summary, alerts and timeline');
export const getApiIncidentProcedure = getIncidentAt('/api/incidents/{id}', 'Same as GET /incidents/{id}, at the path the Mini-XDR front-end calls');
