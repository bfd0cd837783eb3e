import { attachIncidentItem, ZIncidentItem } from '../../services/cases/index.ts';
import { orgProcedure } from '../procedures.ts';
import { checkItemRef, positiveId, ZItemFields } from './incidents.schemas.ts';

export const addIncidentItemProcedure = orgProcedure('incidents:write')
  .meta({
    openapi: {
      method: 'POST',
      path: '/incidents/{incident_id}/items',
      tags: ['incidents'],
      summary: 'Attach an alert, event or reference to an incident (EventSec); 201',
      description:
        'kind alert / event / network_event: ref_id must be the id of such a row in your organisation, else 404. Attaching the same kind and ref_id again returns the existing item with 200.',
    },
  })
  .input(ZItemFields.extend({ incident_id: positiveId('Incident id') }).superRefine(checkItemRef))
  .output(ZIncidentItem)
  .mutation(async ({ ctx, input }) => {
    const { item, created } = await attachIncidentItem(ctx.service, input.incident_id, { kind: input.kind, refId: input.ref_id });
    ctx.response.status = created ? 201 : 200;
    return item;
  });
