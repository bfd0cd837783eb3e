import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { Alerts } from '../schema.generated.ts';

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
            .where('incidents.status', 'in', ['open', 'investigating', 'contained']),
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

export function listAlertEventIds(db: Executor, orgId: OrgId, alertId: number, limit: number): Promise<{ event_id: number; occurred_at: Date }[]> {
  return db
    .selectFrom('alert_events')
    .select(['alert_events.event_id', 'alert_events.occurred_at'])
    .where('alert_events.org_id', '=', orgId)
    .where('alert_events.alert_id', '=', alertId)
    .orderBy('alert_events.occurred_at', 'desc')
    .limit(limit)
    .execute();
}

/** Distinct events linked to the alerts of an incident. */
export async function countIncidentLinkedEvents(db: Executor, orgId: OrgId, incidentId: number): Promise<number> {
  const row = await db
    .selectFrom('alert_events')
    .innerJoin('alerts', (join) => join.onRef('alerts.id', '=', 'alert_events.alert_id').onRef('alerts.org_id', '=', 'alert_events.org_id'))
    .select((eb) => eb.fn.count<number>('alert_events.event_id').distinct().as('count'))
    .where('alerts.org_id', '=', orgId)
    .where('alerts.incident_id', '=', incidentId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
