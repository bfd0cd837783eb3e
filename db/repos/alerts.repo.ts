import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import { chunks } from '../chunks.ts';
import type { Alerts } from '../schema.generated.ts';
import { ACTIVE_INCIDENT_STATUSES } from './incidents.repo.ts';

export type AlertRow = Selectable<Alerts>;

export type AlertInsert = Omit<Insertable<Alerts>, 'org_id' | 'id'>;

export type AlertPatch = Omit<Updateable<Alerts>, 'id' | 'org_id' | 'created_at'>;

/**
 * The alert a new firing of the same fingerprint extends: not closed, seen within the dedup window,
 * and not filed under an incident that was resolved (that evidence stays with the closed case).
 */
export function findAlertToExtend(db: Executor, orgId: OrgId, fingerprint: string, seenSince: Date): Promise<AlertRow | undefined> {
  return db
    .selectFrom('alerts')
    .selectAll()
    .where('alerts.org_id', '=', orgId)
    .where('alerts.fingerprint', '=', fingerprint)
    .where('alerts.status', '!=', 'closed')
    .where('alerts.last_seen_at', '>=', seenSince)
    .where((eb) =>
      eb.or([
        eb('alerts.incident_id', 'is', null),
        eb.exists(
          eb
            .selectFrom('incidents')
            .select('incidents.id')
            .whereRef('incidents.id', '=', 'alerts.incident_id')
            .where('incidents.org_id', '=', orgId)
            .where('incidents.status', 'in', [...ACTIVE_INCIDENT_STATUSES]),
        ),
      ]),
    )
    .orderBy('alerts.last_seen_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function insertAlert(db: Executor, orgId: OrgId, values: AlertInsert): Promise<AlertRow> {
  return db
    .insertInto('alerts')
    .values({ ...values, org_id: orgId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateAlert(db: Executor, orgId: OrgId, alertId: number, patch: AlertPatch): Promise<AlertRow | undefined> {
  return db
    .updateTable('alerts')
    .set({ ...patch, updated_at: sql`now()` })
    .where('alerts.org_id', '=', orgId)
    .where('alerts.id', '=', alertId)
    .returningAll()
    .executeTakeFirst();
}

export function findAlert(db: Executor, orgId: OrgId, alertId: number): Promise<AlertRow | undefined> {
  return db.selectFrom('alerts').selectAll().where('alerts.org_id', '=', orgId).where('alerts.id', '=', alertId).executeTakeFirst();
}

export async function deleteAlert(db: Executor, orgId: OrgId, alertId: number): Promise<boolean> {
  const result = await db.deleteFrom('alerts').where('alerts.org_id', '=', orgId).where('alerts.id', '=', alertId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export type AlertFilter = {
  status?: string | undefined;
  severity?: string | undefined;
  category?: string | undefined;
  incidentId?: number | undefined;
  srcIp?: string | undefined;
};

export function listAlerts(db: Executor, orgId: OrgId, filter: AlertFilter, page: { limit: number; offset: number }): Promise<AlertRow[]> {
  let query = db.selectFrom('alerts').selectAll().where('alerts.org_id', '=', orgId);
  if (filter.status) query = query.where('alerts.status', '=', filter.status);
  if (filter.severity) query = query.where('alerts.severity', '=', filter.severity);
  if (filter.category) query = query.where('alerts.category', '=', filter.category);
  if (filter.incidentId !== undefined) query = query.where('alerts.incident_id', '=', filter.incidentId);
  if (filter.srcIp) query = query.where('alerts.src_ip', '=', filter.srcIp);
  return query.orderBy('alerts.last_seen_at', 'desc').orderBy('alerts.id', 'desc').limit(page.limit).offset(page.offset).execute();
}

export function lockAlert(db: Executor, orgId: OrgId, alertId: number): Promise<Selectable<Alerts> | undefined> {
  return db.selectFrom('alerts').selectAll().where('alerts.org_id', '=', orgId).where('alerts.id', '=', alertId).forUpdate().executeTakeFirst();
}

/** Serialises reports of one fingerprint for the rest of the transaction, so two identical POSTs make one alert. */
export async function lockAlertFingerprint(db: Executor, orgId: OrgId, fingerprint: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`alert:${orgId}:${fingerprint}`}))`.execute(db);
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
