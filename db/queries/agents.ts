import { sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';

// Reads of the event store for the agent-facing views (GET /events, sources, telemetry status).
// Every query is bounded by org_id and an occurred_at range, the (org_id, occurred_at) index.

/** One stored event's key: the id, and its time (the partition key) to the millisecond as search results carry it. */
export type EventKey = { id: number; occurredAt: Date };

/**
 * The events of `keys` in the organisation, in the order of `keys` (a page a search chose). The time range of the keys
 * (widened by a millisecond either side: the keys' times lost their microseconds) lets PostgreSQL read only their partitions.
 */
export async function loadEventsByKeys(db: Executor, orgId: OrgId, keys: readonly EventKey[]) {
  if (keys.length === 0) return [];
  const times = keys.map((key) => key.occurredAt.getTime());
  const rows = await db
    .selectFrom('events')
    .leftJoin('agents', (join) => join.onRef('agents.id', '=', 'events.agent_id').on('agents.org_id', '=', orgId))
    .select([
      'events.id',
      'events.occurred_at',
      'events.received_at',
      'events.agent_id',
      'events.source_kind',
      'events.action',
      'events.category',
      'events.severity',
      'events.message',
      'events.host_name',
      'events.user_name',
      'events.src_ip',
      'events.src_port',
      'events.dst_ip',
      'events.dst_port',
      'events.process_name',
      'events.url',
      'events.file_name',
      'events.attributes',
      'events.raw',
      'agents.public_id as agent_public_id',
    ])
    .where('events.org_id', '=', orgId)
    .where('events.occurred_at', '>=', new Date(Math.min(...times) - 1))
    .where('events.occurred_at', '<=', new Date(Math.max(...times) + 1))
    .where(
      'events.id',
      'in',
      keys.map((key) => key.id),
    )
    .execute();
  const byId = new Map(rows.map((row) => [Number(row.id), row]));
  return keys.flatMap((key) => byId.get(key.id) ?? []);
}

export type EventRead = Awaited<ReturnType<typeof loadEventsByKeys>>[number];

/** Event counts per (channel, source kind, agent) since `since`, with the agent's name and version. */
export function summariseEventSources(db: Executor, orgId: OrgId, since: Date, limit: number) {
  return db
    .selectFrom((eb) =>
      eb
        .selectFrom('events')
        .select((inner) => [
          'events.channel',
          'events.source_kind',
          'events.agent_id',
          inner.fn.countAll<number>().as('events'),
          inner.fn.max('events.occurred_at').as('last_event_ts'),
        ])
        .where('events.org_id', '=', orgId)
        .where('events.occurred_at', '>=', since)
        .groupBy(['events.channel', 'events.source_kind', 'events.agent_id'])
        .as('s'),
    )
    .leftJoin('agents', (join) => join.onRef('agents.id', '=', 's.agent_id').on('agents.org_id', '=', orgId))
    .select([
      's.channel',
      's.source_kind',
      'agents.public_id as agent_public_id',
      's.events',
      's.last_event_ts',
      'agents.name as agent_name',
      'agents.version as agent_version',
    ])
    .orderBy('s.last_event_ts', 'desc')
    .limit(limit)
    .execute();
}

export async function lastEventAt(db: Executor, orgId: OrgId): Promise<Date | null> {
  const row = await db
    .selectFrom('events')
    .select('events.occurred_at')
    .where('events.org_id', '=', orgId)
    .orderBy('events.occurred_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.occurred_at ?? null;
}

export async function countDistinctHosts(db: Executor, orgId: OrgId, since: Date): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select(sql<number>`count(distinct events.host_name)`.as('hosts'))
    .where('events.org_id', '=', orgId)
    .where('events.occurred_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.hosts);
}
