import { z } from 'zod';
import { orgContext, orgProcedure } from '../../server/auth/procedures.ts';
import { getIncidentContext, ZIncidentContext } from '../../services/incidents/incident-context.service.ts';
import { positiveId } from './incidents.schemas.ts';

export const getContextProcedure = orgProcedure('incidents:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/incidents/{inc_id}/context',
      tags: ['incidents'],
      summary: 'Compact incident context (Mini-XDR): top indicators, event counts by type, related incidents by source IP',
    },
  })
  .input(z.object({ inc_id: positiveId('Incident id') }))
  .output(ZIncidentContext)
  .query(({ ctx, input }) => getIncidentContext(orgContext(ctx), input.inc_id));
