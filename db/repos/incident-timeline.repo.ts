import type { Selectable } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import { chunks } from '../chunks.ts';
import type { IncidentTimeline } from '../schema.generated.ts';

export type TimelineEntryInsert = { actorType: string; actorId: string | null; kind: string; detail: Record<string, unknown> };

/** Appends one entry to an incident's timeline and returns it. */
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

export type TimelineRow = Selectable<IncidentTimeline>;

export function listTimeline(db: Executor, orgId: OrgId, incidentId: number, limit: number): Promise<TimelineRow[]> {
  return db
    .selectFrom('incident_timeline')
    .selectAll()
    .where('incident_timeline.org_id', '=', orgId)
    .where('incident_timeline.incident_id', '=', incidentId)
    .orderBy('incident_timeline.at')
    .orderBy('incident_timeline.id')
    .limit(limit)
    .execute();
}

export async function insertTimelineRows(
  db: Executor,
  orgId: OrgId,
  rows: readonly { incidentId: number; actorId: string; kind: string; detail: Record<string, unknown> }[],
): Promise<void> {
  for (const part of chunks(rows)) {
    await db
      .insertInto('incident_timeline')
      .values(
        part.map((row) => ({
          org_id: orgId,
          incident_id: row.incidentId,
          actor_type: 'system',
          actor_id: row.actorId,
          kind: row.kind,
          detail: JSON.stringify(row.detail),
        })),
      )
      .execute();
  }
}
