import { type Selectable, sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { Alerts } from '../schema.generated.ts';
import { LISTED_EVENT_COLUMNS, type ListedEventRow } from './event-queries.repo.ts';
import type { IncidentInsert, IncidentRow, ItemRow } from './incidents.repo.ts';

// Writes and look-ups behind promoting alerts and events to incidents, and row locks for lifecycle changes.

export function lockIncident(db: Executor, orgId: OrgId, incidentId: number): Promise<IncidentRow | undefined> {
  return db.selectFrom('incidents').selectAll().where('incidents.org_id', '=', orgId).where('incidents.id', '=', incidentId).forUpdate().executeTakeFirst();
}

export function lockAlert(db: Executor, orgId: OrgId, alertId: number): Promise<Selectable<Alerts> | undefined> {
  return db.selectFrom('alerts').selectAll().where('alerts.org_id', '=', orgId).where('alerts.id', '=', alertId).forUpdate().executeTakeFirst();
}

export function findIncidentByOrigin(db: Executor, orgId: OrgId, origin: string): Promise<IncidentRow | undefined> {
  return db.selectFrom('incidents').selectAll().where('incidents.org_id', '=', orgId).where('incidents.origin', '=', origin).executeTakeFirst();
}

/** Inserts unless an incident with the same origin exists; undefined when it did (the caller reads that one). */
export function insertIncidentOnce(db: Executor, orgId: OrgId, values: IncidentInsert & { origin: string }): Promise<IncidentRow | undefined> {
  return db
    .insertInto('incidents')
    .values({ ...values, org_id: orgId })
    .onConflict((oc) => oc.columns(['org_id', 'origin']).where('origin', 'is not', null).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** One event of the organisation by id, optionally of one ingest channel (e.g. network). */
export function findOrgEventRow(db: Executor, orgId: OrgId, eventId: number, channel?: string): Promise<ListedEventRow | undefined> {
  let query = db.selectFrom('events').select(LISTED_EVENT_COLUMNS).where('events.org_id', '=', orgId).where('events.id', '=', eventId);
  if (channel !== undefined) query = query.where('events.channel', '=', channel);
  return query.limit(1).executeTakeFirst();
}

export type IncidentAlertRow = Pick<
  Selectable<Alerts>,
  'id' | 'title' | 'detector' | 'category' | 'severity' | 'status' | 'occurrences' | 'first_seen_at' | 'last_seen_at' | 'mitre' | 'src_ip'
>;

/** The incident's alerts, most recently seen first. */
export function listIncidentAlertRows(db: Executor, orgId: OrgId, incidentId: number, limit: number): Promise<IncidentAlertRow[]> {
  return db
    .selectFrom('alerts')
    .select(['id', 'title', 'detector', 'category', 'severity', 'status', 'occurrences', 'first_seen_at', 'last_seen_at', 'mitre', 'src_ip'])
    .where('alerts.org_id', '=', orgId)
    .where('alerts.incident_id', '=', incidentId)
    .orderBy('alerts.last_seen_at', 'desc')
    .orderBy('alerts.id', 'desc')
    .limit(limit)
    .execute();
}

/** Alert counts of an incident by alert status. */
export async function countIncidentAlertsByStatus(db: Executor, orgId: OrgId, incidentId: number): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('alerts')
    .select(['alerts.status', sql<string>`count(*)`.as('count')])
    .where('alerts.org_id', '=', orgId)
    .where('alerts.incident_id', '=', incidentId)
    .groupBy('alerts.status')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
}

export function findIncidentItem(db: Executor, orgId: OrgId, incidentId: number, item: { kind: string; refId: string }): Promise<ItemRow | undefined> {
  return db
    .selectFrom('incident_items')
    .selectAll()
    .where('incident_items.org_id', '=', orgId)
    .where('incident_items.incident_id', '=', incidentId)
    .where('incident_items.kind', '=', item.kind)
    .where('incident_items.ref_id', '=', item.refId)
    .executeTakeFirst();
}
