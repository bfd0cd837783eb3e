import { z } from 'zod';
import { incidentFromAlert, ZIncident } from '../../services/cases/index.ts';
import { orgProcedure } from '../procedures.ts';
import { positiveId, sharedPathVocabulary, ZVocabulary } from './incidents.schemas.ts';

export const createFromAlertProcedure = orgProcedure('incidents:write')
  .meta({
    openapi: {
      method: 'POST',
      path: '/incidents/from-alert/{alert_id}',
      tags: ['incidents'],
      summary: 'Make an incident from an alert (EventSec); idempotent',
      description:
        'An alert already filed under an incident (by detection or an earlier call) returns that incident with 200; otherwise 201 with a new incident titled "Alert N: <title>", the alert as its item, and the alert linked to it. 404 for an alert that is not in your organisation.',
    },
  })
  .input(z.object({ alert_id: positiveId('Alert id'), vocabulary: ZVocabulary }))
  .output(ZIncident)
  .mutation(async ({ ctx, input }) => {
    const { incident, created } = await incidentFromAlert(ctx.service, input.alert_id, sharedPathVocabulary(ctx.service.principal, input.vocabulary));
    ctx.response.status = created ? 201 : 200;
    return incident;
  });
