import { z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import { clearViewEvents, type EventView, ZViewDeleteResult } from '../../services/events/index.ts';
import { ingestViewEvents, ZViewIngestResult } from '../../services/ingest/index.ts';
import { orgProcedure } from '../procedures.ts';
import { recordsOf, ZOneOrManyEvents, ZViewDelete } from './network.schemas.ts';

const LABEL: Record<EventView, string> = { edr: 'EDR', siem: 'SIEM' };

type PostedReader<T> = (ctx: OrgServiceContext, eventId: number) => Promise<T>;

/**
 * POST /edr/events and /siem/events: the same use case on two stores. One event is answered with the
 * stored event in the view's shape (as EventSec's EdrEvent / SiemEvent), a batch with its summary.
 */
export function createViewEventsProcedure<T>(view: EventView, eventSchema: z.ZodType<T>, readPosted: PostedReader<T>) {
  return orgProcedure('events:write')
    .meta({
      acceptsRecordsWithNul: true,
      openapi: {
        method: 'POST',
        path: `/${view}/events`,
        tags: [view],
        summary: `Store ${LABEL[view]} events: one event (answered with the stored event; a bad one is a 400), or {events: [...]} (answered with a summary; rejects listed by index)`,
      },
    })
    .input(ZOneOrManyEvents)
    .output(z.union([eventSchema, ZViewIngestResult]))
    .mutation(async ({ ctx, input }) => {
      const { records, single } = recordsOf(input);
      const { eventId, ...summary } = await ingestViewEvents(ctx.service, view, records, single);
      if (summary.stored > 0) ctx.response.status = 201;
      return eventId === undefined ? summary : readPosted(ctx.service, eventId);
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
