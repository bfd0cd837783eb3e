import { sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { IncidentRow } from '../repos/incidents.repo.ts';

/** The organisation's most recently created incident (simulate's default). */
export function latestIncident(db: Executor, orgId: OrgId): Promise<IncidentRow | undefined> {
  return db
    .selectFrom('incidents')
    .selectAll()
    .where('incidents.org_id', '=', orgId)
    .orderBy('incidents.created_at', 'desc')
    .orderBy('incidents.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Events of one type (`action`, e.g. cowrie.login.failed) from an address within [to − windowSeconds, to]:
 * time-ranged (partition pruning, the (org_id, src_ip, occurred_at) index) and counted up to `cap`.
 */
export async function countSourceEventsInWindow(
  db: Executor,
  orgId: OrgId,
  query: { srcIp: string; eventType: string; windowSeconds: number; to: Date; cap: number },
): Promise<number> {
  const from = new Date(query.to.getTime() - query.windowSeconds * 1000);
  const result = await sql<{ n: number }>`
    select count(*)::int as n from (
      select 1 from events
      where org_id = ${orgId} and src_ip = ${query.srcIp}::inet and action = ${query.eventType}
        and occurred_at >= ${from} and occurred_at <= ${query.to}
      limit ${query.cap}
    ) counted`.execute(db);
  return result.rows[0]?.n ?? 0;
}

/** Channels and source kinds (cowrie, zeek, agent…) of the events behind an incident's alerts, from at most 500 links. */
export async function incidentEventSources(db: Executor, orgId: OrgId, incidentId: number): Promise<string[]> {
  const result = await sql<{ channel: string; source_kind: string }>`
    select distinct e.channel, e.source_kind
    from (
      select ae.event_id, ae.occurred_at
      from alerts a join alert_events ae on ae.org_id = a.org_id and ae.alert_id = a.id
      where a.org_id = ${orgId} and a.incident_id = ${incidentId}
      limit 500
    ) linked
    join events e on e.org_id = ${orgId} and e.id = linked.event_id and e.occurred_at = linked.occurred_at`.execute(db);
  return result.rows.flatMap((row) => [row.channel, row.source_kind]);
}

/** Channel and source kind of one stored event (a promoted network event's origin). */
export async function eventSources(db: Executor, orgId: OrgId, eventId: number): Promise<string[]> {
  const row = await db
    .selectFrom('events')
    .select(['events.channel', 'events.source_kind'])
    .where('events.org_id', '=', orgId)
    .where('events.id', '=', eventId)
    .limit(1)
    .executeTakeFirst();
  return row ? [row.channel, row.source_kind] : [];
}
