import { type ExpressionBuilder, type Selectable, sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { DB, Events } from '../schema.generated.ts';

/** One row of the events table, as the ingest service prepares it (snake_case, JSON already serialised). */
export type EventInsert = {
  occurred_at: Date;
  channel: string;
  source_kind: string;
  kind: string;
  category: string;
  action: string;
  outcome: string;
  severity: number;
  src_ip: string | null;
  src_port: number | null;
  dst_ip: string | null;
  dst_port: number | null;
  transport: string | null;
  host_name: string | null;
  user_name: string | null;
  process_name: string | null;
  process_command_line: string | null;
  url: string | null;
  file_name: string | null;
  file_sha256: string | null;
  file_md5: string | null;
  sensor_id: string | null;
  session_id: string | null;
  agent_id: string | null;
  device_id: string | null;
  message: string | null;
  attributes: string;
  raw: string | null;
  dedup_key: string;
};

const COLUMNS: readonly [keyof EventInsert, string][] = [
  ['occurred_at', 'timestamptz'],
  ['channel', 'text'],
  ['source_kind', 'text'],
  ['kind', 'text'],
  ['category', 'text'],
  ['action', 'text'],
  ['outcome', 'text'],
  ['severity', 'smallint'],
  ['src_ip', 'inet'],
  ['src_port', 'integer'],
  ['dst_ip', 'inet'],
  ['dst_port', 'integer'],
  ['transport', 'text'],
  ['host_name', 'text'],
  ['user_name', 'text'],
  ['process_name', 'text'],
  ['process_command_line', 'text'],
  ['url', 'text'],
  ['file_name', 'text'],
  ['file_sha256', 'text'],
  ['file_md5', 'text'],
  ['sensor_id', 'text'],
  ['session_id', 'text'],
  ['agent_id', 'uuid'],
  ['device_id', 'uuid'],
  ['message', 'text'],
  ['attributes', 'jsonb'],
  ['raw', 'json'],
  ['dedup_key', 'text'],
];

/** The columns a batch insert writes, in order (the benchmark's COPY baseline writes the same). */
export const EVENT_INSERT_COLUMNS: readonly (keyof EventInsert)[] = COLUMNS.map(([column]) => column);

/**
 * Inserts a batch in one statement (one array parameter per column, unnested server-side); a row
 * whose dedup key is already stored for that time is skipped. Returns the ids actually inserted.
 */
export async function insertEventsDeduplicated(db: Executor, orgId: OrgId, rows: readonly EventInsert[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const arrays = COLUMNS.map(([column, type]) => sql`${rows.map((row) => row[column])}::${sql.raw(type)}[]`);
  const names = sql.join(COLUMNS.map(([column]) => sql.ref(column)));
  const result = await sql<{ id: number }>`
    insert into events (org_id, ${names})
    select ${orgId}::uuid, * from unnest(${sql.join(arrays)})
    on conflict (org_id, dedup_key, occurred_at) do nothing
    returning id`.execute(db);
  return result.rows.map((row) => Number(row.id));
}

/** One event of the organisation by id, optionally of one ingest channel (e.g. network). */
export function findOrgEventRow(db: Executor, orgId: OrgId, eventId: number, channel?: string): Promise<ListedEventRow | undefined> {
  let query = db.selectFrom('events').select(LISTED_EVENT_COLUMNS).where('events.org_id', '=', orgId).where('events.id', '=', eventId);
  if (channel !== undefined) query = query.where('events.channel', '=', channel);
  return query.limit(1).executeTakeFirst();
}

/** Stored events detection has not scanned yet, counted up to `cap` so the query stays bounded. */
export async function countEventsAfter(db: Executor, orgId: OrgId, afterId: number, cap: number): Promise<number> {
  const result = await sql<{ count: number }>`
    select count(*)::int as count from (
      select 1 from events where events.org_id = ${orgId} and events.id > ${afterId} limit ${cap}
    ) as pending`.execute(db);
  return result.rows[0]?.count ?? 0;
}

/** When the oldest not-yet-scanned event was received. */
export async function oldestEventAfter(db: Executor, orgId: OrgId, afterId: number): Promise<Date | null> {
  const row = await db
    .selectFrom('events')
    .select('events.received_at')
    .where('events.org_id', '=', orgId)
    .where('events.id', '>', afterId)
    .orderBy('events.id')
    .limit(1)
    .executeTakeFirst();
  return row?.received_at ?? null;
}

export function findEventByDedupKey(db: Executor, orgId: OrgId, dedupKey: string, occurredAt: Date) {
  return db
    .selectFrom('events')
    .select(['events.id', 'events.received_at', 'events.occurred_at'])
    .where('events.org_id', '=', orgId)
    .where('events.dedup_key', '=', dedupKey)
    .where('events.occurred_at', '=', occurredAt)
    .executeTakeFirst();
}

// Read (and view-scoped delete) queries over the events table. Every query is bounded by org and,
// except look-ups by id (detection cursor, items), by an occurred_at range so PostgreSQL prunes day
// partitions and uses (org_id, occurred_at desc).

const LISTED = [
  'id',
  'occurred_at',
  'received_at',
  'channel',
  'source_kind',
  'kind',
  'category',
  'action',
  'outcome',
  'severity',
  'src_ip',
  'src_port',
  'dst_ip',
  'dst_port',
  'transport',
  'host_name',
  'user_name',
  'process_name',
  'process_command_line',
  'url',
  'sensor_id',
  'agent_id',
  'message',
  'attributes',
  'raw',
] as const satisfies readonly (keyof Events)[];

export type ListedEventRow = Pick<Selectable<Events>, (typeof LISTED)[number]>;

/** The listed columns, qualified, for queries that join or filter on other tables. */
export const LISTED_EVENT_COLUMNS = LISTED.map((column) => `events.${column}` as const);

/** What a summary of an event shows beside alerts and what detection windows start from: addresses as text. */
export const EVENT_SUMMARY_COLUMNS = [
  'events.id',
  'events.occurred_at',
  'events.source_kind',
  'events.kind',
  'events.category',
  'events.action',
  'events.severity',
  sql<string | null>`host(events.src_ip)`.as('src_ip'),
  sql<string | null>`host(events.dst_ip)`.as('dst_ip'),
  'events.dst_port',
  'events.host_name',
  'events.user_name',
] as const;

/** A row of EVENT_SUMMARY_COLUMNS. */
export type EventSummaryRow = Pick<
  Selectable<Events>,
  'id' | 'occurred_at' | 'source_kind' | 'kind' | 'category' | 'action' | 'severity' | 'dst_port' | 'host_name' | 'user_name'
> & {
  src_ip: string | null;
  dst_ip: string | null;
};

/** Both ends inclusive. Every read of events is bounded on both sides so PostgreSQL prunes day partitions. */
export type TimeRange = { from: Date; to: Date };

/**
 * The EDR view also shows agents' EDR telemetry (EventSec lists agent events typed edr.* or in category edr);
 * the SIEM view shows every event, whatever channel it came through (EventSec's SIEM reads its whole event index).
 */
export type EventView = 'edr' | 'siem';

export function inView(view: EventView) {
  return (eb: ExpressionBuilder<DB, 'events'>) =>
    view === 'siem'
      ? eb.lit(true)
      : eb.or([
          eb('events.channel', '=', 'edr'),
          eb.and([
            eb('events.source_kind', '=', 'agent'),
            eb.or([eb('events.action', 'like', 'agent.edr%'), eb(sql`events.attributes->>'sourceCategory'`, '=', 'edr')]),
          ]),
        ]);
}

export type ViewDelete = { range?: { from: Date; to: Date } | undefined; ids?: readonly number[] | undefined };

/** Deletes only what was posted to the view's own store (channel edr or siem), never agent or network evidence. */
export async function deleteViewEvents(db: Executor, orgId: OrgId, channel: EventView, target: ViewDelete): Promise<number> {
  let query = db.deleteFrom('events').where('events.org_id', '=', orgId).where('events.channel', '=', channel);
  if (target.range !== undefined) query = query.where('events.occurred_at', '>=', target.range.from).where('events.occurred_at', '<=', target.range.to);
  if (target.ids !== undefined) query = query.where('events.id', 'in', [...target.ids]);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
