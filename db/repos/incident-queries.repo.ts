import { type ExpressionBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { DB } from '../schema.generated.ts';
import type { IncidentRow } from './incidents.repo.ts';

export type IncidentFilter = {
  status?: string | undefined;
  escalationLevel?: string | undefined;
  threatCategory?: string | undefined;
  srcIp?: string | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
  minRisk?: number | undefined;
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
  if (filter.status !== undefined) query = query.where('incidents.status', '=', filter.status);
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
