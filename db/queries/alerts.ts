import { type SelectQueryBuilder, sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { AlertRow } from '../repos/alerts.repo.ts';
import { EVENT_SUMMARY_COLUMNS, type EventSummaryRow } from '../repos/events.repo.ts';
import type { DB } from '../schema.generated.ts';

/** GET /alerts filters; `assignedTo: null` means unassigned. The time range selects alerts active in it. */
export type AlertQueueFilter = {
  status?: string | undefined;
  severity?: string | undefined;
  category?: string | undefined;
  assignedTo?: string | null | undefined;
  srcIp?: string | undefined;
  incidentId?: number | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
};

/** The organisation's alert queue, most recently seen first. */
export function listAlertQueue(db: Executor, orgId: OrgId, filter: AlertQueueFilter, page: { limit: number; offset: number }): Promise<AlertRow[]> {
  return filtered(db, orgId, filter)
    .selectAll('alerts')
    .orderBy('alerts.last_seen_at', 'desc')
    .orderBy('alerts.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countAlertQueue(db: Executor, orgId: OrgId, filter: AlertQueueFilter): Promise<number> {
  const row = await filtered(db, orgId, filter)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export type AlertEventSummaryRow = EventSummaryRow & { message: string | null };

/**
 * The most recent stored events linked to the alert (events removed by retention are skipped). The links' own
 * time span bounds the read, so PostgreSQL prunes every day partition outside it when planning.
 */
export async function listAlertEventSummaries(db: Executor, orgId: OrgId, alertId: number, limit: number): Promise<AlertEventSummaryRow[]> {
  const span = await db
    .selectFrom('alert_events')
    .select((eb) => [eb.fn.min('alert_events.occurred_at').as('from'), eb.fn.max('alert_events.occurred_at').as('to')])
    .where('alert_events.org_id', '=', orgId)
    .where('alert_events.alert_id', '=', alertId)
    .executeTakeFirst();
  if (!span?.from || !span.to) return [];
  return db
    .selectFrom('alert_events')
    .innerJoin('events', (join) =>
      join
        .onRef('events.org_id', '=', 'alert_events.org_id')
        .onRef('events.id', '=', 'alert_events.event_id')
        .onRef('events.occurred_at', '=', 'alert_events.occurred_at'),
    )
    .select([...EVENT_SUMMARY_COLUMNS, sql<string | null>`left(events.message, 500)`.as('message')])
    .where('alert_events.org_id', '=', orgId)
    .where('alert_events.alert_id', '=', alertId)
    .where('events.occurred_at', '>=', new Date(span.from))
    .where('events.occurred_at', '<=', new Date(span.to))
    .orderBy('alert_events.occurred_at', 'desc')
    .orderBy('alert_events.event_id', 'desc')
    .limit(limit)
    .execute();
}

function filtered(db: Executor, orgId: OrgId, filter: AlertQueueFilter): SelectQueryBuilder<DB, 'alerts', object> {
  let query = db.selectFrom('alerts').where('alerts.org_id', '=', orgId);
  if (filter.status !== undefined) query = query.where('alerts.status', '=', filter.status);
  if (filter.severity !== undefined) query = query.where('alerts.severity', '=', filter.severity);
  if (filter.category !== undefined) query = query.where('alerts.category', '=', filter.category);
  if (filter.assignedTo === null) query = query.where('alerts.assigned_to', 'is', null);
  else if (filter.assignedTo !== undefined) query = query.where('alerts.assigned_to', '=', filter.assignedTo);
  if (filter.srcIp !== undefined) query = query.where('alerts.src_ip', '=', filter.srcIp);
  if (filter.incidentId !== undefined) query = query.where('alerts.incident_id', '=', filter.incidentId);
  if (filter.since !== undefined) query = query.where('alerts.last_seen_at', '>=', filter.since);
  if (filter.until !== undefined) query = query.where('alerts.first_seen_at', '<=', filter.until);
  return query;
}
