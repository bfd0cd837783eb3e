import { clearViewEvents, type EventView, ZViewDeleteResult } from '../../services/events/index.ts';
import { ingestViewEvents, ZViewIngestResult } from '../../services/ingest/index.ts';
import { orgProcedure } from '../procedures.ts';
import { recordsOf, ZOneOrManyEvents, ZViewDelete } from './network.schemas.ts';

const LABEL: Record<EventView, string> = { edr: 'EDR', siem: 'SIEM' };

/** POST /edr/events and /siem/events: the same use case on two stores. */
export function createViewEventsProcedure(view: EventView) {
  return orgProcedure('events:write')
    .meta({
      acceptsRecordsWithNul: true,
      openapi: {
        method: 'POST',
        path: `/${view}/events`,
        tags: [view],
        summary: `Store ${LABEL[view]} events: one event, or {events: [...]} (a bad single event is a 400; in a batch, rejects are listed by index)`,
      },
    })
    .input(ZOneOrManyEvents)
    .output(ZViewIngestResult)
    .mutation(async ({ ctx, input }) => {
      const { records, single } = recordsOf(input);
      const result = await ingestViewEvents(ctx.service, view, records, single);
      if (result.stored > 0) ctx.response.status = 201;
      return result;
    });
}

/** DELETE /edr/events and /siem/events (admin, audited): by time range and/or ids, never beyond that store. */
export function deleteViewEventsProcedure(view: EventView) {
  return orgProcedure('settings:write')
    .meta({
      openapi: {
        method: 'DELETE',
        path: `/${view}/events`,
        tags: [view],
        summary: `Delete ${LABEL[view]} events posted to /${view}/events (admin): start_time + end_time and/or ids required`,
      },
    })
    .input(ZViewDelete)
    .output(ZViewDeleteResult)
    .mutation(({ ctx, input }) => clearViewEvents(ctx.service, view, { start: input.start_time, end: input.end_time, ids: input.ids }));
}
