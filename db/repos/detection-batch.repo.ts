import { type Insertable, sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { Alerts, Incidents } from '../schema.generated.ts';
import type { AlertRow } from './alerts.repo.ts';
import { ACTIVE_INCIDENT_STATUSES, type IncidentRow } from './incidents.repo.ts';

// Set-based reads and writes for one detection pass: a handful of statements per pass instead of
// several per detection. Rows are written in chunks to stay under PostgreSQL's parameter limit.

const CHUNK = 1000;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += CHUNK) out.push(items.slice(index, index + CHUNK));
  return out;
}

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

export async function insertIncidentsReturningIds(db: Executor, orgId: OrgId, rows: readonly Omit<Insertable<Incidents>, 'org_id'>[]): Promise<number[]> {
  const ids: number[] = [];
  for (const part of chunks(rows)) {
    // VALUES rows come back in the order they were given.
    const inserted = await db
      .insertInto('incidents')
      .values(part.map((row) => ({ ...row, org_id: orgId })))
      .returning('id')
      .execute();
    ids.push(...inserted.map((row) => row.id));
  }
  return ids;
}

export async function insertAlertsReturningIds(db: Executor, orgId: OrgId, rows: readonly Omit<Insertable<Alerts>, 'org_id'>[]): Promise<number[]> {
  const ids: number[] = [];
  for (const part of chunks(rows)) {
    const inserted = await db
      .insertInto('alerts')
      .values(part.map((row) => ({ ...row, org_id: orgId })))
      .returning('id')
      .execute();
    ids.push(...inserted.map((row) => row.id));
  }
  return ids;
}

export type AlertExtension = {
  id: number;
  occurrences: number;
  firstSeen: Date;
  lastSeen: Date;
  severity: string;
  evidence: string;
  description: string;
  incidentId: number;
};

export async function updateAlertsExtended(db: Executor, orgId: OrgId, rows: readonly AlertExtension[]): Promise<void> {
  for (const part of chunks(rows)) {
    const values = sql.join(
      part.map(
        (row) =>
          sql`(${row.id}::bigint, ${row.occurrences}::int, ${row.firstSeen}::timestamptz, ${row.lastSeen}::timestamptz, ${row.severity}::text, ${row.evidence}::jsonb, ${row.description}::text, ${row.incidentId}::bigint)`,
      ),
    );
    await sql`
      update alerts set occurrences = v.occurrences, first_seen_at = v.first_seen, last_seen_at = v.last_seen, severity = v.severity,
        evidence = v.evidence, description = v.description, incident_id = v.incident_id, updated_at = now()
      from (values ${values}) as v(id, occurrences, first_seen, last_seen, severity, evidence, description, incident_id)
      where alerts.org_id = ${orgId} and alerts.id = v.id`.execute(db);
  }
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

export async function insertAlertEventLinks(
  db: Executor,
  orgId: OrgId,
  links: readonly { alertId: number; eventId: number; occurredAt: Date }[],
): Promise<void> {
  for (const part of chunks(links)) {
    await db
      .insertInto('alert_events')
      .values(part.map((link) => ({ org_id: orgId, alert_id: link.alertId, event_id: link.eventId, occurred_at: link.occurredAt })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
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

export function selectAlertsOfIncidents(db: Executor, orgId: OrgId, incidentIds: readonly number[]): Promise<AlertRow[]> {
  if (incidentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('alerts')
    .selectAll()
    .where('alerts.org_id', '=', orgId)
    .where('alerts.incident_id', 'in', [...incidentIds])
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

export type IncidentRollup = {
  id: number;
  alertCount: number;
  eventCount: number;
  riskScore: number;
  escalationLevel: string;
  severity: string;
  riskEvidence: string;
  mitre: string[];
  firstSeen: Date;
  lastSeen: Date;
};

export async function updateIncidentRollups(db: Executor, orgId: OrgId, rows: readonly IncidentRollup[]): Promise<void> {
  for (const part of chunks(rows)) {
    const values = sql.join(
      part.map(
        (row) =>
          sql`(${row.id}::bigint, ${row.alertCount}::int, ${row.eventCount}::int, ${row.riskScore}::float8, ${row.escalationLevel}::text, ${row.severity}::text, ${row.riskEvidence}::jsonb, ${row.mitre}::text[], ${row.firstSeen}::timestamptz, ${row.lastSeen}::timestamptz)`,
      ),
    );
    await sql`
      update incidents set alert_count = v.alert_count, event_count = v.event_count, risk_score = v.risk_score, escalation_level = v.escalation_level,
        severity = v.severity, risk_evidence = v.risk_evidence, mitre = v.mitre, first_seen_at = v.first_seen, last_seen_at = v.last_seen, updated_at = now()
      from (values ${values}) as v(id, alert_count, event_count, risk_score, escalation_level, severity, risk_evidence, mitre, first_seen, last_seen)
      where incidents.org_id = ${orgId} and incidents.id = v.id`.execute(db);
  }
}
