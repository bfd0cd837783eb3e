import { z } from 'zod';
import { listIncidents, ZIncident } from '../../services/cases/index.ts';
import { orgProcedure } from '../procedures.ts';
import { listFilter, sharedPathVocabulary, TOTAL_COUNT_NOTE, ZListQuery, ZTotalCountHeader } from './incidents.schemas.ts';

export const listRealIncidentsProcedure = orgProcedure('incidents:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/incidents/real',
      tags: ['incidents'],
      responseHeaders: ZTotalCountHeader,
      summary: 'Incidents without test and synthetic ones (Mini-XDR)',
      description: `${TOTAL_COUNT_NOTE} An incident is test data when it is tagged \`test\` or \`synthetic\`, or when it has linked events and every one of them came through POST /ingest/synthetic (channel synthetic) or carries raw.test_event / raw.test_type. Incidents without linked events (manual ones) count as real. include_test=true lists everything, like GET /incidents. Same filters as GET /incidents.`,
    },
  })
  .input(
    ZListQuery.extend({
      include_test: z
        .enum(['true', 'false', '1', '0'])
        .transform((value) => value === 'true' || value === '1')
        .default(false)
        .describe('Also list test/synthetic incidents'),
    }),
  )
  .output(z.array(ZIncident))
  .query(async ({ ctx, input }) => {
    const filter = { ...listFilter(input), realOnly: !input.include_test };
    const vocabulary = sharedPathVocabulary(ctx.service.principal, input.vocabulary);
    const page = await listIncidents(ctx.service, filter, { limit: input.limit, offset: input.offset }, vocabulary);
    ctx.response.headers['x-total-count'] = String(page.total);
    return page.incidents;
  });
