import { z } from 'zod';
import { getIncidentContext, ZIncidentContext } from '../../services/cases/index.ts';
import { orgProcedure } from '../procedures.ts';
import { positiveId, ZMiniXdrVocabulary } from './incidents.schemas.ts';

export const getContextProcedure = orgProcedure('incidents:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/incidents/{inc_id}/context',
      tags: ['incidents'],
      summary: 'Compact incident context (Mini-XDR): top indicators, event counts by type, related incidents by source IP',
    },
  })
  .input(z.object({ inc_id: positiveId('Incident id'), vocabulary: ZMiniXdrVocabulary }))
  .output(ZIncidentContext)
  .query(({ ctx, input }) => getIncidentContext(ctx.service, input.inc_id, input.vocabulary ?? 'minixdr'));
