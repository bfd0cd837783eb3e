import { type ExpressionBuilder, type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import { LISTED_EVENT_COLUMNS, type ListedEventRow } from '../repos/events.repo.ts';
import type { IncidentRow } from '../repos/incidents.repo.ts';
import type { Alerts, DB } from '../schema.generated.ts';

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

// The events of an incident: those linked to its alerts (alert_events) plus those attached as items
// (kind event / network_event). Both links carry the event's occurred_at, so events are matched on
// (id, occurred_at) inside the evidence's own time span, a constant range that lets PostgreSQL prune every
// day partition outside it when planning. Every query is scoped by org on each table it reads.

const EVENT_ITEM_KINDS = ['event', 'network_event'];

function evidenceLinks(db: Executor, orgId: OrgId, incidentId: number) {
  return db
    .selectFrom('alert_events')
    .innerJoin('alerts', (join) => join.onRef('alerts.org_id', '=', 'alert_events.org_id').onRef('alerts.id', '=', 'alert_events.alert_id'))
    .select(['alert_events.event_id as event_id', 'alert_events.occurred_at as occurred_at'])
    .where('alert_events.org_id', '=', orgId)
    .where('alerts.org_id', '=', orgId)
    .where('alerts.incident_id', '=', incidentId)
    .union(
      db
        .selectFrom('incident_items')
        .select([sql<number>`incident_items.ref_id::bigint`.as('event_id'), sql<Date>`incident_items.occurred_at`.as('occurred_at')])
        .where('incident_items.org_id', '=', orgId)
        .where('incident_items.incident_id', '=', incidentId)
        .where('incident_items.kind', 'in', EVENT_ITEM_KINDS)
        .where('incident_items.occurred_at', 'is not', null),
    );
}

/** The first and last occurred_at of the incident's evidence; null without evidence. */
async function evidenceSpan(db: Executor, orgId: OrgId, incidentId: number): Promise<{ from: Date; to: Date } | null> {
  const row = await db
    .selectFrom(evidenceLinks(db, orgId, incidentId).as('evidence'))
    .select((eb) => [eb.fn.min('evidence.occurred_at').as('from'), eb.fn.max('evidence.occurred_at').as('to')])
    .executeTakeFirst();
  return row?.from && row.to ? { from: new Date(row.from), to: new Date(row.to) } : null;
}

function incidentEvents(db: Executor, orgId: OrgId, incidentId: number, span: { from: Date; to: Date }) {
  return db
    .selectFrom('events')
    .where('events.org_id', '=', orgId)
    .where('events.occurred_at', '>=', span.from)
    .where('events.occurred_at', '<=', span.to)
    .where(sql<boolean>`(events.id, events.occurred_at) in (${evidenceLinks(db, orgId, incidentId)})`);
}

const EVENT_COLUMNS = LISTED_EVENT_COLUMNS;

export type IncidentEventRow = ListedEventRow & { file_sha256: string | null; file_md5: string | null; session_id: string | null };

/** A page of the incident's events in time order (oldest first, as an attack unfolds). */
export async function listIncidentEventRows(
  db: Executor,
  orgId: OrgId,
  incidentId: number,
  page: { limit: number; offset: number },
): Promise<IncidentEventRow[]> {
  const span = await evidenceSpan(db, orgId, incidentId);
  if (span === null) return [];
  return incidentEvents(db, orgId, incidentId, span)
    .select([...EVENT_COLUMNS, 'events.file_sha256', 'events.file_md5', 'events.session_id'])
    .orderBy('events.occurred_at')
    .orderBy('events.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** The most recent `limit` events, for indicator extraction. */
export async function listRecentIncidentEventRows(db: Executor, orgId: OrgId, incidentId: number, limit: number): Promise<IncidentEventRow[]> {
  const span = await evidenceSpan(db, orgId, incidentId);
  if (span === null) return [];
  return incidentEvents(db, orgId, incidentId, span)
    .select([...EVENT_COLUMNS, 'events.file_sha256', 'events.file_md5', 'events.session_id'])
    .orderBy('events.occurred_at', 'desc')
    .orderBy('events.id', 'desc')
    .limit(limit)
    .execute();
}

export type IncidentEventStats = { total: number; first: Date | null; last: Date | null; byAction: { action: string; count: number }[] };

export async function incidentEventStats(db: Executor, orgId: OrgId, incidentId: number, maxTypes: number): Promise<IncidentEventStats> {
  const span = await evidenceSpan(db, orgId, incidentId);
  if (span === null) return { total: 0, first: null, last: null, byAction: [] };
  const [totals, byAction] = await Promise.all([
    incidentEvents(db, orgId, incidentId, span)
      .select((eb) => [eb.fn.countAll<string>().as('total'), eb.fn.min('events.occurred_at').as('first'), eb.fn.max('events.occurred_at').as('last')])
      .executeTakeFirstOrThrow(),
    incidentEvents(db, orgId, incidentId, span)
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

export type IncidentFilter = {
  /** Any of these lifecycle statuses. */
  statuses?: readonly string[] | undefined;
  escalationLevel?: string | undefined;
  threatCategory?: string | undefined;
  srcIp?: string | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
  minRisk?: number | undefined;
  /** The assignee's UUID. */
  assignedTo?: string | undefined;
  /** Leave out test/synthetic incidents (see `isRealIncident`). */
  realOnly?: boolean | undefined;
};

const TEST_TAGS = ['test', 'synthetic'];

/**
 * A real incident is not tagged test/synthetic and, when it has linked events at all, has at least one that
 * neither came through the synthetic channel nor carries Mini-XDR's test markers (raw.test_event, raw.test_type).
 */
function isRealIncident(eb: ExpressionBuilder<DB, 'incidents'>) {
  const linked = eb
    .selectFrom('alert_events')
    .innerJoin('alerts', (join) => join.onRef('alerts.org_id', '=', 'alert_events.org_id').onRef('alerts.id', '=', 'alert_events.alert_id'))
    .whereRef('alerts.org_id', '=', 'incidents.org_id')
    .whereRef('alerts.incident_id', '=', 'incidents.id');
  const realEvent = linked
    .innerJoin('events', (join) =>
      join
        .onRef('events.org_id', '=', 'alert_events.org_id')
        .onRef('events.id', '=', 'alert_events.event_id')
        .onRef('events.occurred_at', '=', 'alert_events.occurred_at'),
    )
    .where('events.channel', '<>', 'synthetic')
    .where(sql<boolean>`coalesce(events.raw->>'test_event', 'false') in ('false', '0', '')`)
    .where(sql<boolean>`events.raw->>'test_type' is null`)
    .select(sql`1`.as('one'));
  return eb.and([
    eb.not(sql<boolean>`incidents.tags && ${sql.val(TEST_TAGS)}::text[]`),
    eb.or([eb.not(eb.exists(linked.select(sql`1`.as('one')))), eb.exists(realEvent)]),
  ]);
}

function filtered(db: Executor, orgId: OrgId, filter: IncidentFilter): SelectQueryBuilder<DB, 'incidents', object> {
  let query = db.selectFrom('incidents').where('incidents.org_id', '=', orgId);
  if (filter.statuses !== undefined) query = query.where('incidents.status', 'in', [...filter.statuses]);
  if (filter.escalationLevel !== undefined) query = query.where('incidents.escalation_level', '=', filter.escalationLevel);
  if (filter.threatCategory !== undefined) query = query.where('incidents.threat_category', '=', filter.threatCategory);
  if (filter.srcIp !== undefined) query = query.where('incidents.src_ip', '=', sql<string>`${filter.srcIp}::inet`);
  if (filter.since !== undefined) query = query.where('incidents.created_at', '>=', filter.since);
  if (filter.until !== undefined) query = query.where('incidents.created_at', '<=', filter.until);
  if (filter.minRisk !== undefined) query = query.where('incidents.risk_score', '>=', filter.minRisk);
  if (filter.assignedTo !== undefined) query = query.where('incidents.assigned_to', '=', filter.assignedTo);
  if (filter.realOnly) query = query.where(isRealIncident);
  return query;
}

/** One page of the organisation's incidents, newest first. */
export function listIncidentRows(db: Executor, orgId: OrgId, filter: IncidentFilter, page: { limit: number; offset: number }): Promise<IncidentRow[]> {
  return filtered(db, orgId, filter)
    .selectAll('incidents')
    .orderBy('incidents.created_at', 'desc')
    .orderBy('incidents.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countIncidentRows(db: Executor, orgId: OrgId, filter: IncidentFilter): Promise<number> {
  const row = await filtered(db, orgId, filter)
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Other incidents about the same source address, newest first. */
export function listRelatedIncidentRows(db: Executor, orgId: OrgId, srcIp: string, exceptId: number, limit: number): Promise<IncidentRow[]> {
  return db
    .selectFrom('incidents')
    .selectAll()
    .where('incidents.org_id', '=', orgId)
    .where('incidents.src_ip', '=', sql<string>`${srcIp}::inet`)
    .where('incidents.id', '<>', exceptId)
    .orderBy('incidents.created_at', 'desc')
    .limit(limit)
    .execute();
}
