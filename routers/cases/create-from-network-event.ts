import { z } from 'zod';
import { incidentFromNetworkEvent, ZIncident } from '../../services/cases/index.ts';
import { orgProcedure } from '../procedures.ts';
import { positiveId, sharedPathVocabulary, ZVocabulary } from './incidents.schemas.ts';

export const createFromNetworkEventProcedure = orgProcedure('incidents:write')
  .meta({
    openapi: {
      method: 'POST',
      path: '/incidents/from-network-event/{event_id}',
      tags: ['incidents'],
      summary: 'Make an incident from a network (Suricata/Zeek) event (EventSec); idempotent',
      description:
        'event_id is the `id` of GET /network/events. Severity comes from the event (info/low → low, medium, high, critical); the title names source and type, the description the signature. A second call for the same event returns the same incident with 200 (201 when created). 404 for an event that is not a network event of your organisation.',
    },
  })
  .input(z.object({ event_id: positiveId('Network event id'), vocabulary: ZVocabulary }))
  .output(ZIncident)
  .mutation(async ({ ctx, input }) => {
    const { incident, created } = await incidentFromNetworkEvent(ctx.service, input.event_id, sharedPathVocabulary(ctx.service.principal, input.vocabulary));
    ctx.response.status = created ? 201 : 200;
    return incident;
  });
