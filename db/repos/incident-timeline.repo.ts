import type { Executor, OrgId } from '../../core/database.ts';
import type { TimelineRow } from './incidents.repo.ts';

export type TimelineEntryInsert = { actorType: string; actorId: string | null; kind: string; detail: Record<string, unknown> };

/** Appends one entry and returns it (appendTimeline in incidents.repo does not). */
export function insertTimelineEntry(db: Executor, orgId: OrgId, incidentId: number, entry: TimelineEntryInsert): Promise<TimelineRow> {
  return db
    .insertInto('incident_timeline')
    .values({
      org_id: orgId,
      incident_id: incidentId,
      actor_type: entry.actorType,
      actor_id: entry.actorId,
      kind: entry.kind,
      detail: JSON.stringify(entry.detail),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A page of the incident's timeline in time order; `kinds` narrows it (e.g. comments only). */
export function listTimelinePage(
  db: Executor,
  orgId: OrgId,
  incidentId: number,
  page: { limit: number; offset: number; kinds?: readonly string[] | undefined },
): Promise<TimelineRow[]> {
  let query = db
    .selectFrom('incident_timeline')
    .selectAll()
    .where('incident_timeline.org_id', '=', orgId)
    .where('incident_timeline.incident_id', '=', incidentId);
  if (page.kinds !== undefined) query = query.where('incident_timeline.kind', 'in', [...page.kinds]);
  return query.orderBy('incident_timeline.at').orderBy('incident_timeline.id').limit(page.limit).offset(page.offset).execute();
}

export async function countTimeline(db: Executor, orgId: OrgId, incidentId: number, kinds?: readonly string[]): Promise<number> {
  let query = db
    .selectFrom('incident_timeline')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('incident_timeline.org_id', '=', orgId)
    .where('incident_timeline.incident_id', '=', incidentId);
  if (kinds !== undefined) query = query.where('incident_timeline.kind', 'in', [...kinds]);
  return Number((await query.executeTakeFirstOrThrow()).count);
}
