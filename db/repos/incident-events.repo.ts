import { sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import { LISTED_EVENT_COLUMNS, type ListedEventRow } from './event-queries.repo.ts';

// The events of an incident: those linked to its alerts (alert_events) plus those attached as items
// (kind event / network_event). Every query is scoped by org on each table it reads.

const EVENT_ITEM_KINDS = ['event', 'network_event'];

function linkedEventIds(db: Executor, orgId: OrgId, incidentId: number) {
  return db
    .selectFrom('alert_events')
    .innerJoin('alerts', (join) => join.onRef('alerts.org_id', '=', 'alert_events.org_id').onRef('alerts.id', '=', 'alert_events.alert_id'))
    .select('alert_events.event_id as event_id')
    .where('alert_events.org_id', '=', orgId)
    .where('alerts.org_id', '=', orgId)
    .where('alerts.incident_id', '=', incidentId)
    .union(
      db
        .selectFrom('incident_items')
        .select(sql<number>`incident_items.ref_id::bigint`.as('event_id'))
        .where('incident_items.org_id', '=', orgId)
        .where('incident_items.incident_id', '=', incidentId)
        .where('incident_items.kind', 'in', EVENT_ITEM_KINDS),
    );
}

function incidentEvents(db: Executor, orgId: OrgId, incidentId: number) {
  return db
    .selectFrom('events')
    .where('events.org_id', '=', orgId)
    .where('events.id', 'in', linkedEventIds(db, orgId, incidentId));
}

const EVENT_COLUMNS = LISTED_EVENT_COLUMNS;

export type IncidentEventRow = ListedEventRow & { file_sha256: string | null; file_md5: string | null; session_id: string | null };

/** A page of the incident's events in time order (oldest first, as an attack unfolds). */
export function listIncidentEventRows(db: Executor, orgId: OrgId, incidentId: number, page: { limit: number; offset: number }): Promise<IncidentEventRow[]> {
  return incidentEvents(db, orgId, incidentId)
    .select([...EVENT_COLUMNS, 'events.file_sha256', 'events.file_md5', 'events.session_id'])
    .orderBy('events.occurred_at')
    .orderBy('events.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** The most recent `limit` events, for indicator extraction. */
export function listRecentIncidentEventRows(db: Executor, orgId: OrgId, incidentId: number, limit: number): Promise<IncidentEventRow[]> {
  return incidentEvents(db, orgId, incidentId)
    .select([...EVENT_COLUMNS, 'events.file_sha256', 'events.file_md5', 'events.session_id'])
    .orderBy('events.occurred_at', 'desc')
    .orderBy('events.id', 'desc')
    .limit(limit)
    .execute();
}

export type IncidentEventStats = { total: number; first: Date | null; last: Date | null; byAction: { action: string; count: number }[] };

export async function incidentEventStats(db: Executor, orgId: OrgId, incidentId: number, maxTypes: number): Promise<IncidentEventStats> {
  const [totals, byAction] = await Promise.all([
    incidentEvents(db, orgId, incidentId)
      .select((eb) => [eb.fn.countAll<string>().as('total'), eb.fn.min('events.occurred_at').as('first'), eb.fn.max('events.occurred_at').as('last')])
      .executeTakeFirstOrThrow(),
    incidentEvents(db, orgId, incidentId)
      .select((eb) => ['events.action', eb.fn.countAll<string>().as('count')])
      .groupBy('events.action')
      .orderBy('count', 'desc')
      .orderBy('events.action')
      .limit(maxTypes)
      .execute(),
  ]);
  return {
    total: Number(totals.total),
    first: totals.first === null ? null : new Date(totals.first),
    last: totals.last === null ? null : new Date(totals.last),
    byAction: byAction.map((row) => ({ action: row.action, count: Number(row.count) })),
  };
}

export type ActivityEntity = { column: 'src_ip' | 'host_name' | 'user_name'; value: string };

/** Events about the entity since `since`: is the attack still going on? */
export async function recentEntityActivity(db: Executor, orgId: OrgId, entity: ActivityEntity, since: Date): Promise<{ count: number; last: Date | null }> {
  let query = db.selectFrom('events').where('events.org_id', '=', orgId).where('events.occurred_at', '>=', since);
  query =
    entity.column === 'src_ip'
      ? query.where('events.src_ip', '=', sql<string>`${entity.value}::inet`)
      : query.where(`events.${entity.column}`, '=', entity.value);
  const row = await query.select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.max('events.occurred_at').as('last')]).executeTakeFirstOrThrow();
  return { count: Number(row.count), last: row.last === null ? null : new Date(row.last) };
}
