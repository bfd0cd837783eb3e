import { sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';

// Reads of the event store for the agent-facing views (GET /events, sources, telemetry status).
// Every query is bounded by org_id and an occurred_at range, the (org_id, occurred_at) index.

export type EventFilter = {
  since: Date;
  until: Date;
  severity?: number | undefined;
  /** Matches `action` exactly, or `agent.<type>` for agent events. */
  eventType?: string | undefined;
  /** The agent's public (integer) id. */
  agentId?: number | undefined;
  /** A case-insensitive substring of message, action, host or user (matched literally). */
  text?: string | undefined;
  limit: number;
  offset: number;
};

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

export function searchEvents(db: Executor, orgId: OrgId, filter: EventFilter) {
  let query = db
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
    .where('events.occurred_at', '>=', filter.since)
    .where('events.occurred_at', '<=', filter.until);
  if (filter.severity !== undefined) query = query.where('events.severity', '=', filter.severity);
  if (filter.agentId !== undefined) query = query.where('agents.public_id', '=', filter.agentId);
  if (filter.eventType !== undefined) query = query.where('events.action', 'in', [filter.eventType, `agent.${filter.eventType}`]);
  if (filter.text !== undefined) {
    const pattern = likePattern(filter.text);
    query = query.where((eb) =>
      eb.or([
        eb('events.message', 'ilike', pattern),
        eb('events.action', 'ilike', pattern),
        eb('events.host_name', 'ilike', pattern),
        eb('events.user_name', 'ilike', pattern),
      ]),
    );
  }
  return query.orderBy('events.occurred_at', 'desc').orderBy('events.id', 'desc').limit(filter.limit).offset(filter.offset).execute();
}

export type EventRead = Awaited<ReturnType<typeof searchEvents>>[number];

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
