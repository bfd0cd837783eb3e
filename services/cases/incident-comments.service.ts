import { z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import { countTimeline, listTimelinePage } from '../../db/repos/incident-timeline.repo.ts';
import { lockIncident, updateIncident } from '../../db/repos/incidents.repo.ts';
import { auditIncident, journal } from './incident-journal.ts';
import { incidentNotFound, loadIncident, loadIncidentView } from './incidents-read.service.ts';
import type { StatusVocabulary } from './lifecycle.ts';
import { callerVocabulary } from './status-vocabulary.ts';
import { type TimelineEntryDto, timelineUserRefs, toTimelineEntryDto, ZTimelineEntry } from './timeline-entry.dto.ts';

/** POST /api/incidents/{id}/comments: a comment is a timeline entry of kind `comment`, audited. */
export async function addIncidentComment(ctx: OrgServiceContext, incidentId: number, body: string): Promise<TimelineEntryDto> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    if (!(await lockIncident(trx, ctx.orgId, incidentId))) throw incidentNotFound(incidentId);
    const entry = await journal(trx, ctx, incidentId, 'comment', { body });
    await auditIncident(trx, ctx, incidentId, 'incident.commented', { timeline_id: Number(entry.id), length: body.length });
    await updateIncident(trx, ctx.orgId, incidentId, {});
    return toTimelineEntryDto(entry, await loadIncidentView(ctx, callerVocabulary(ctx.principal), [entry.actor_id], trx));
  });
}

export const ZTimelinePage = z.object({
  incident_id: z.number().int(),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  entries: z.array(ZTimelineEntry),
});
export type TimelinePage = z.infer<typeof ZTimelinePage>;

/** GET /api/incidents/{id}/timeline: the incident's journal in time order, optionally only some kinds, in `vocabulary`'s words. */
export async function listIncidentTimeline(
  ctx: OrgServiceContext,
  incidentId: number,
  page: { limit: number; offset: number; kinds?: readonly string[] | undefined },
  vocabulary: StatusVocabulary = callerVocabulary(ctx.principal),
): Promise<TimelinePage> {
  await loadIncident(ctx, incidentId);
  const [rows, total] = await Promise.all([
    listTimelinePage(ctx.deps.db, ctx.orgId, incidentId, page),
    countTimeline(ctx.deps.db, ctx.orgId, incidentId, page.kinds),
  ]);
  const view = await loadIncidentView(ctx, vocabulary, timelineUserRefs(rows));
  return { incident_id: incidentId, total, limit: page.limit, offset: page.offset, entries: rows.map((row) => toTimelineEntryDto(row, view)) };
}
