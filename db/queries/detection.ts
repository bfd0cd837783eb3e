import { type Selectable, sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { AlertRow } from '../repos/alerts.repo.ts';
import { EVENT_SUMMARY_COLUMNS, type EventSummaryRow } from '../repos/events.repo.ts';
import { ACTIVE_INCIDENT_STATUSES, type IncidentRow } from '../repos/incidents.repo.ts';
import type { Events } from '../schema.generated.ts';

// Set-based reads for one detection pass (and its incident roll-ups): a handful of statements per pass instead of
// several per detection.

/** Not-closed alerts with these fingerprints seen since `since`, newest first. */
export function selectOpenAlertsByFingerprint(db: Executor, orgId: OrgId, fingerprints: readonly string[], since: Date): Promise<AlertRow[]> {
  if (fingerprints.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('alerts')
    .selectAll()
    .where('alerts.org_id', '=', orgId)
    .where('alerts.fingerprint', '=', sql<string>`any(${[...fingerprints]}::text[])`)
    .where('alerts.status', '!=', 'closed')
    .where('alerts.last_seen_at', '>=', since)
    .orderBy('alerts.last_seen_at', 'desc')
    .execute();
}

export function selectIncidentsByIds(db: Executor, orgId: OrgId, ids: readonly number[]): Promise<IncidentRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('incidents')
    .selectAll()
    .where('incidents.org_id', '=', orgId)
    .where('incidents.id', 'in', [...ids])
    .execute();
}

export function selectAlertsByIds(db: Executor, orgId: OrgId, ids: readonly number[]): Promise<AlertRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('alerts')
    .selectAll()
    .where('alerts.org_id', '=', orgId)
    .where('alerts.id', '=', sql<number>`any(${[...ids]}::bigint[])`)
    .orderBy('alerts.id')
    .execute();
}

/** Active incidents of these (entity type, entity value, category) keys seen since `since`, newest first. */
export function selectActiveIncidentsByKey(
  db: Executor,
  orgId: OrgId,
  keys: readonly { type: string; value: string; category: string }[],
  since: Date,
): Promise<IncidentRow[]> {
  if (keys.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('incidents')
    .selectAll()
    .where('incidents.org_id', '=', orgId)
    .where('incidents.status', 'in', [...ACTIVE_INCIDENT_STATUSES])
    .where('incidents.last_seen_at', '>=', since)
    .where('incidents.entity_value', '=', sql<string>`any(${[...new Set(keys.map((key) => key.value))]}::text[])`)
    .orderBy('incidents.last_seen_at', 'desc')
    .execute();
}

export async function countLinkedEventsByAlert(db: Executor, orgId: OrgId, alertIds: readonly number[]): Promise<Map<number, number>> {
  if (alertIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('alert_events')
    .select(['alert_events.alert_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('alert_events.org_id', '=', orgId)
    .where('alert_events.alert_id', 'in', [...alertIds])
    .groupBy('alert_events.alert_id')
    .execute();
  return new Map(rows.map((row) => [Number(row.alert_id), Number(row.count)]));
}

export function selectAlertsOfIncidents(db: Executor, orgId: OrgId, incidentIds: readonly number[]): Promise<AlertRow[]> {
  if (incidentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('alerts')
    .selectAll()
    .where('alerts.org_id', '=', orgId)
    .where('alerts.incident_id', 'in', [...incidentIds])
    .orderBy('alerts.last_seen_at', 'desc')
    .orderBy('alerts.id', 'desc')
    .execute();
}

export async function countLinkedEventsByIncident(db: Executor, orgId: OrgId, incidentIds: readonly number[]): Promise<Map<number, number>> {
  if (incidentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('alert_events')
    .innerJoin('alerts', (join) => join.onRef('alerts.id', '=', 'alert_events.alert_id').onRef('alerts.org_id', '=', 'alert_events.org_id'))
    .select(['alerts.incident_id', (eb) => eb.fn.count<number>('alert_events.event_id').distinct().as('count')])
    .where('alerts.org_id', '=', orgId)
    .where('alerts.incident_id', 'in', [...incidentIds])
    .groupBy('alerts.incident_id')
    .execute();
  return new Map(rows.map((row) => [Number(row.incident_id), Number(row.count)]));
}

/** The columns detection reads: a slim view of a stored event (no raw). */
export type DetectionEventRow = EventSummaryRow &
  Pick<Selectable<Events>, 'outcome' | 'process_command_line' | 'url' | 'file_name' | 'file_sha256' | 'message' | 'session_id'> & { attributes: unknown };

const SLIM = [
  ...EVENT_SUMMARY_COLUMNS,
  'events.outcome',
  'events.process_command_line',
  'events.url',
  'events.file_name',
  'events.file_sha256',
  'events.message',
  'events.attributes',
  'events.session_id',
] as const;

/**
 * Events stored after the cursor, in id order. Rows received in the last `settleSeconds` wait for the
 * next run: an insert that took a lower id but commits later must not be skipped by the cursor.
 */
export function selectEventsAfter(db: Executor, orgId: OrgId, afterId: number, limit: number, settleSeconds: number): Promise<DetectionEventRow[]> {
  return db
    .selectFrom('events')
    .select(SLIM)
    .where('events.org_id', '=', orgId)
    .where('events.id', '>', afterId)
    .where('events.received_at', '<', sql<Date>`now() - make_interval(secs => ${settleSeconds})`)
    .orderBy('events.id')
    .limit(limit)
    .execute() as Promise<DetectionEventRow[]>;
}

export type EntityColumn = 'src_ip' | 'host_name' | 'user_name';

/** Every stored event of the given entities within the time range, bounded, oldest first. */
export function selectEntityWindow(
  db: Executor,
  orgId: OrgId,
  column: EntityColumn,
  values: readonly string[],
  range: { from: Date; to: Date },
  limit: number,
): Promise<DetectionEventRow[]> {
  const entity =
    column === 'src_ip'
      ? sql<boolean>`events.src_ip = any(${[...values]}::inet[])`
      : sql<boolean>`${sql.ref(`events.${column}`)} = any(${[...values]}::text[])`;
  return db
    .selectFrom('events')
    .select(SLIM)
    .where('events.org_id', '=', orgId)
    .where(entity)
    .where('events.occurred_at', '>=', range.from)
    .where('events.occurred_at', '<=', range.to)
    .orderBy('events.occurred_at')
    .limit(limit)
    .execute() as Promise<DetectionEventRow[]>;
}

export async function hasEventsAfter(db: Executor, orgId: OrgId, afterId: number): Promise<boolean> {
  const row = await db.selectFrom('events').select('events.id').where('events.org_id', '=', orgId).where('events.id', '>', afterId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Incidents whose alerts link any of these events, ascending. An alert's last_seen_at is never before the events it
 * links (its window ends at its newest event), so `eventsFrom`, the earliest of them, keeps the read to recent alerts.
 */
export async function selectIncidentIdsLinkedToEvents(db: Executor, orgId: OrgId, eventIds: readonly number[], eventsFrom: Date): Promise<number[]> {
  if (eventIds.length === 0) return [];
  const rows = await db
    .selectFrom('alerts')
    .innerJoin('alert_events', (join) => join.onRef('alert_events.org_id', '=', 'alerts.org_id').onRef('alert_events.alert_id', '=', 'alerts.id'))
    .select('alerts.incident_id')
    .distinct()
    .where('alerts.org_id', '=', orgId)
    .where('alerts.last_seen_at', '>=', eventsFrom)
    .where('alerts.incident_id', 'is not', null)
    .where('alert_events.event_id', '=', sql<number>`any(${[...eventIds]}::bigint[])`)
    .orderBy('alerts.incident_id')
    .execute();
  return rows.map((row) => Number(row.incident_id));
}
