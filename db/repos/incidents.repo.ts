import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import { chunks } from '../chunks.ts';
import type { Incidents } from '../schema.generated.ts';

export type IncidentRow = Selectable<Incidents>;

export type IncidentInsert = Omit<Insertable<Incidents>, 'org_id' | 'id'>;

export type IncidentPatch = Omit<Updateable<Incidents>, 'id' | 'org_id' | 'created_at'>;

/** Statuses detection still feeds; the closed ones (resolved, closed, false_positive) get a new incident instead. */
export const ACTIVE_INCIDENT_STATUSES = ['open', 'triage', 'investigating', 'contained'] as const;

export function insertIncident(db: Executor, orgId: OrgId, values: IncidentInsert): Promise<IncidentRow> {
  return db
    .insertInto('incidents')
    .values({ ...values, org_id: orgId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateIncident(db: Executor, orgId: OrgId, incidentId: number, patch: IncidentPatch): Promise<IncidentRow | undefined> {
  return db
    .updateTable('incidents')
    .set({ ...patch, updated_at: sql`now()` })
    .where('incidents.org_id', '=', orgId)
    .where('incidents.id', '=', incidentId)
    .returningAll()
    .executeTakeFirst();
}

export function findIncident(db: Executor, orgId: OrgId, incidentId: number): Promise<IncidentRow | undefined> {
  return db.selectFrom('incidents').selectAll().where('incidents.org_id', '=', orgId).where('incidents.id', '=', incidentId).executeTakeFirst();
}

// Writes and look-ups behind promoting alerts and events to incidents, and row locks for lifecycle changes.

export function lockIncident(db: Executor, orgId: OrgId, incidentId: number): Promise<IncidentRow | undefined> {
  return db.selectFrom('incidents').selectAll().where('incidents.org_id', '=', orgId).where('incidents.id', '=', incidentId).forUpdate().executeTakeFirst();
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

export type IncidentRollup = {
  id: number;
  alertCount: number;
  eventCount: number;
  riskScore: number;
  escalationLevel: string;
  severity: string;
  riskEvidence: string;
  mitre: string[];
  /** Null keeps the incident's span (it has no alerts left to span). */
  firstSeen: Date | null;
  lastSeen: Date | null;
};

/** Returns the ids of the incidents it found and updated. */
export async function updateIncidentRollups(db: Executor, orgId: OrgId, rows: readonly IncidentRollup[]): Promise<Set<number>> {
  const updated = new Set<number>();
  for (const part of chunks(rows)) {
    const values = sql.join(
      part.map(
        (row) =>
          sql`(${row.id}::bigint, ${row.alertCount}::int, ${row.eventCount}::int, ${row.riskScore}::float8, ${row.escalationLevel}::text, ${row.severity}::text, ${row.riskEvidence}::jsonb, ${row.mitre}::text[], ${row.firstSeen}::timestamptz, ${row.lastSeen}::timestamptz)`,
      ),
    );
    const result = await sql<{ id: number }>`
      update incidents set alert_count = v.alert_count, event_count = v.event_count, risk_score = v.risk_score, escalation_level = v.escalation_level,
        severity = v.severity, risk_evidence = v.risk_evidence, mitre = v.mitre, updated_at = now(),
        first_seen_at = coalesce(v.first_seen, incidents.first_seen_at), last_seen_at = coalesce(v.last_seen, incidents.last_seen_at)
      from (values ${values}) as v(id, alert_count, event_count, risk_score, escalation_level, severity, risk_evidence, mitre, first_seen, last_seen)
      where incidents.org_id = ${orgId} and incidents.id = v.id
      returning incidents.id`.execute(db);
    for (const row of result.rows) updated.add(Number(row.id));
  }
  return updated;
}
