import { type ExpressionBuilder, type Selectable, sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { DB, Events } from '../schema.generated.ts';

// Read (and view-scoped delete) queries over the events table. Every query is bounded by org and,
// except deletes by id, by an occurred_at range so PostgreSQL prunes day partitions and uses
// (org_id, occurred_at desc).

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

/** `to` is inclusive; null leaves the window open towards the future. */
export type TimeRange = { from: Date; to: Date | null };

export type NetworkEventFilter = TimeRange & {
  sourceKind?: string | undefined;
  actions?: readonly string[] | undefined;
  severity?: number | undefined;
  srcIp?: string | undefined;
  dstIp?: string | undefined;
  srcPort?: number | undefined;
  dstPort?: number | undefined;
  limit: number;
  offset: number;
};

/** Network (Suricata/Zeek) events received through /ingest/network/bulk, newest first. */
export function listNetworkEventRows(db: Executor, orgId: OrgId, filter: NetworkEventFilter): Promise<ListedEventRow[]> {
  let query = db
    .selectFrom('events')
    .select(LISTED)
    .where('events.org_id', '=', orgId)
    .where('events.channel', '=', 'network')
    .where('events.occurred_at', '>=', filter.from);
  if (filter.to !== null) query = query.where('events.occurred_at', '<=', filter.to);
  if (filter.sourceKind !== undefined) query = query.where('events.source_kind', '=', filter.sourceKind);
  if (filter.actions !== undefined) query = query.where('events.action', 'in', [...filter.actions]);
  if (filter.severity !== undefined) query = query.where('events.severity', '=', filter.severity);
  if (filter.srcIp !== undefined) query = query.where('events.src_ip', '=', sql<string>`${filter.srcIp}::inet`);
  if (filter.dstIp !== undefined) query = query.where('events.dst_ip', '=', sql<string>`${filter.dstIp}::inet`);
  if (filter.srcPort !== undefined) query = query.where('events.src_port', '=', filter.srcPort);
  if (filter.dstPort !== undefined) query = query.where('events.dst_port', '=', filter.dstPort);
  return query.orderBy('events.occurred_at', 'desc').orderBy('events.id', 'desc').limit(filter.limit).offset(filter.offset).execute();
}

/** The EDR view also shows agents' EDR telemetry (EventSec lists agent events typed edr.* or in category edr). */
export type EventView = 'edr' | 'siem';

function inView(view: EventView) {
  return (eb: ExpressionBuilder<DB, 'events'>) =>
    view === 'siem'
      ? eb('events.channel', '=', 'siem')
      : eb.or([
          eb('events.channel', '=', 'edr'),
          eb.and([
            eb('events.source_kind', '=', 'agent'),
            eb.or([eb('events.action', 'like', 'agent.edr%'), eb(sql`events.attributes->>'sourceCategory'`, '=', 'edr')]),
          ]),
        ]);
}

export type ViewEventFilter = TimeRange & { severity?: number | undefined; text?: string | undefined; limit: number };

export function listViewEventRows(db: Executor, orgId: OrgId, view: EventView, filter: ViewEventFilter): Promise<ListedEventRow[]> {
  let query = db.selectFrom('events').select(LISTED).where('events.org_id', '=', orgId).where('events.occurred_at', '>=', filter.from).where(inView(view));
  if (filter.to !== null) query = query.where('events.occurred_at', '<=', filter.to);
  if (filter.severity !== undefined) query = query.where('events.severity', '=', filter.severity);
  if (filter.text !== undefined) {
    const pattern = `%${filter.text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    query = query.where(
      sql<string>`concat_ws(' ', events.message, events.host_name, events.user_name, events.process_name, events.process_command_line, events.action, events.url)`,
      'ilike',
      pattern,
    );
  }
  return query.orderBy('events.occurred_at', 'desc').orderBy('events.id', 'desc').limit(filter.limit).execute();
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
