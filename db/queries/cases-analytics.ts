import { sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';

// Aggregates across an organisation's incidents over a created_at window; every result is bounded.

export type Window = { since: Date; until: Date };

export type TrendRow = { bucket_start: Date; threat_category: string; count: number };

/** Incidents created per hour or day, by threat category (UTC buckets). */
export async function incidentTrendRows(db: Executor, orgId: OrgId, window: Window, bucket: 'hour' | 'day', limit: number): Promise<TrendRow[]> {
  const bucketStart = sql<Date>`date_trunc(${bucket}, incidents.created_at, 'UTC')`;
  const rows = await db
    .selectFrom('incidents')
    .select([
      bucketStart.as('bucket_start'),
      sql<string>`coalesce(incidents.threat_category, 'uncategorised')`.as('threat_category'),
      sql<string>`count(*)`.as('count'),
    ])
    .where('incidents.org_id', '=', orgId)
    .where('incidents.created_at', '>=', window.since)
    .where('incidents.created_at', '<=', window.until)
    .groupBy([sql`1`, sql`2`])
    .orderBy(sql`1`)
    .orderBy(sql`2`)
    .limit(limit)
    .execute();
  return rows.map((row) => ({ bucket_start: new Date(row.bucket_start), threat_category: row.threat_category, count: Number(row.count) }));
}

function windowIncidentIds(db: Executor, orgId: OrgId, window: Window, maxIncidents: number) {
  return db
    .selectFrom('incidents')
    .select('incidents.id')
    .where('incidents.org_id', '=', orgId)
    .where('incidents.created_at', '>=', window.since)
    .where('incidents.created_at', '<=', window.until)
    .orderBy('incidents.created_at', 'desc')
    .limit(maxIncidents);
}

export type FlowRow = { src: string; dst: string | null; dst_port: number | null; transport: string | null; count: number };

/**
 * Source → target host → port flows among the events linked to the window's incidents, busiest first. Links carry
 * the event's occurred_at: events are matched on (id, occurred_at) inside the links' time span, so PostgreSQL
 * prunes the day partitions outside it when planning.
 */
export async function attackFlowRows(db: Executor, orgId: OrgId, window: Window, bounds: { maxIncidents: number; maxRows: number }): Promise<FlowRow[]> {
  const linked = db
    .selectFrom('alert_events')
    .innerJoin('alerts', (join) => join.onRef('alerts.org_id', '=', 'alert_events.org_id').onRef('alerts.id', '=', 'alert_events.alert_id'))
    .select(['alert_events.event_id as event_id', 'alert_events.occurred_at as occurred_at'])
    .where('alert_events.org_id', '=', orgId)
    .where('alerts.org_id', '=', orgId)
    .where('alerts.incident_id', 'in', windowIncidentIds(db, orgId, window, bounds.maxIncidents))
    .union(
      db
        .selectFrom('incident_items')
        .select([sql<number>`incident_items.ref_id::bigint`.as('event_id'), sql<Date>`incident_items.occurred_at`.as('occurred_at')])
        .where('incident_items.org_id', '=', orgId)
        .where('incident_items.kind', 'in', ['event', 'network_event'])
        .where('incident_items.occurred_at', 'is not', null)
        .where('incident_items.incident_id', 'in', windowIncidentIds(db, orgId, window, bounds.maxIncidents)),
    );
  const span = await db
    .selectFrom(linked.as('linked'))
    .select((eb) => [eb.fn.min('linked.occurred_at').as('from'), eb.fn.max('linked.occurred_at').as('to')])
    .executeTakeFirst();
  if (!span?.from || !span.to) return [];
  const rows = await db
    .selectFrom('events')
    .select([
      sql<string>`host(events.src_ip)`.as('src'),
      sql<string | null>`host(events.dst_ip)`.as('dst'),
      'events.dst_port',
      'events.transport',
      sql<string>`count(*)`.as('count'),
    ])
    .where('events.org_id', '=', orgId)
    .where('events.occurred_at', '>=', new Date(span.from))
    .where('events.occurred_at', '<=', new Date(span.to))
    .where(sql<boolean>`(events.id, events.occurred_at) in (${linked})`)
    .where('events.src_ip', 'is not', null)
    .groupBy(['events.src_ip', 'events.dst_ip', 'events.dst_port', 'events.transport'])
    .orderBy(sql`count(*)`, 'desc')
    .limit(bounds.maxRows)
    .execute();
  return rows.map((row) => ({ ...row, count: Number(row.count) }));
}

export type TechniqueRow = { entity: string; technique: string; count: number };

/** ATT&CK techniques of the window's alerts, per attacking entity, weighted by occurrences. */
export async function attackTechniqueRows(
  db: Executor,
  orgId: OrgId,
  window: Window,
  bounds: { maxIncidents: number; maxRows: number },
): Promise<TechniqueRow[]> {
  const entity = sql<string>`coalesce(host(alerts.src_ip), alerts.entity_value)`;
  const technique = sql<string>`unnest(alerts.mitre)`;
  const rows = await db
    .selectFrom('alerts')
    .select([entity.as('entity'), technique.as('technique'), sql<string>`sum(alerts.occurrences)`.as('count')])
    .where('alerts.org_id', '=', orgId)
    .where('alerts.incident_id', 'in', windowIncidentIds(db, orgId, window, bounds.maxIncidents))
    .where(entity, 'is not', null)
    .groupBy([sql`1`, sql`2`])
    .orderBy(sql`3`, 'desc')
    .limit(bounds.maxRows)
    .execute();
  return rows.map((row) => ({ ...row, count: Number(row.count) }));
}
