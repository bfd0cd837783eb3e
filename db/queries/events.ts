import { sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import { type EventView, inView, LISTED_EVENT_COLUMNS, type ListedEventRow, type TimeRange } from '../repos/events.repo.ts';
import type { NetworkSensorRow } from '../repos/network-sensors.repo.ts';

export type NetworkSensorWithErrors = NetworkSensorRow & { error_count: number };

/** Every sensor of the organisation with its all-time reject count, from one grouped sub-query. */
export function listNetworkSensorsWithErrors(db: Executor, orgId: OrgId, limit: number): Promise<NetworkSensorWithErrors[]> {
  const errors = db
    .selectFrom('network_ingest_errors')
    .select(['network_ingest_errors.sensor_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('network_ingest_errors.org_id', '=', orgId)
    .groupBy('network_ingest_errors.sensor_id')
    .as('errors');
  return db
    .selectFrom('network_sensors')
    .leftJoin(errors, 'errors.sensor_id', 'network_sensors.id')
    .selectAll('network_sensors')
    .select(sql<number>`coalesce(errors.n, 0)::int`.as('error_count'))
    .where('network_sensors.org_id', '=', orgId)
    .orderBy('network_sensors.name')
    .limit(limit)
    .execute();
}

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
    .select(LISTED_EVENT_COLUMNS)
    .where('events.org_id', '=', orgId)
    .where('events.channel', '=', 'network')
    .where('events.occurred_at', '>=', filter.from)
    .where('events.occurred_at', '<=', filter.to);
  if (filter.sourceKind !== undefined) query = query.where('events.source_kind', '=', filter.sourceKind);
  if (filter.actions !== undefined) query = query.where('events.action', 'in', [...filter.actions]);
  if (filter.severity !== undefined) query = query.where('events.severity', '=', filter.severity);
  if (filter.srcIp !== undefined) query = query.where('events.src_ip', '=', sql<string>`${filter.srcIp}::inet`);
  if (filter.dstIp !== undefined) query = query.where('events.dst_ip', '=', sql<string>`${filter.dstIp}::inet`);
  if (filter.srcPort !== undefined) query = query.where('events.src_port', '=', filter.srcPort);
  if (filter.dstPort !== undefined) query = query.where('events.dst_port', '=', filter.dstPort);
  return query.orderBy('events.occurred_at', 'desc').orderBy('events.id', 'desc').limit(filter.limit).offset(filter.offset).execute();
}

export type ViewEventFilter = TimeRange & { severity?: number | undefined; text?: string | undefined; limit: number };

export function listViewEventRows(db: Executor, orgId: OrgId, view: EventView, filter: ViewEventFilter): Promise<ListedEventRow[]> {
  let query = db
    .selectFrom('events')
    .select(LISTED_EVENT_COLUMNS)
    .where('events.org_id', '=', orgId)
    .where('events.occurred_at', '>=', filter.from)
    .where('events.occurred_at', '<=', filter.to)
    .where(inView(view));
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

export type Bucket = { key: string; doc_count: number };

export type NetworkStatsRow = {
  total: number;
  last24h: number;
  signatures: Bucket[];
  destinations: Bucket[];
  severities: Bucket[];
};

// grouping(sig, dst, sev) bit masks: 1 marks a column aggregated away in that grouping set
const BY_SIGNATURE = 3;

const BY_DESTINATION = 5;

const BY_SEVERITY = 6;

const OVERALL = 7;

/**
 * Totals and top-5 lists of the organisation's retained network events in one scan (grouping sets),
 * ranked in SQL so only the winning buckets leave the database. Suricata alerts name a signature, Zeek
 * notices a note. All retained days are read by definition; `latest` (the latest time ingest accepts)
 * still prunes partitions beyond it.
 */
export async function networkStatsRow(db: Executor, orgId: OrgId, at: { since24h: Date; latest: Date }, top: number): Promise<NetworkStatsRow> {
  const result = await sql<{ set_id: number; key: string | null; n: number; recent: number }>`
    with grouped as (
      select grouping(sig, dst, sev) as set_id, coalesce(sig, dst, sev::text) as key, count(*)::int as n,
             count(*) filter (where occurred_at >= ${at.since24h})::int as recent
      from (
        select coalesce(attributes->>'signature', attributes->>'note') as sig, host(dst_ip) as dst, severity as sev, occurred_at
        from events where org_id = ${orgId} and channel = 'network' and occurred_at <= ${at.latest}
      ) e
      group by grouping sets ((sig), (dst), (sev), ())
    )
    select set_id, key, n, recent from (
      select grouped.*, row_number() over (partition by set_id order by n desc, key) as rank
      from grouped where set_id = ${OVERALL} or key is not null
    ) ranked
    where set_id = ${OVERALL} or rank <= ${top}
    order by set_id, rank`.execute(db);
  const bucketsOf = (setId: number) => result.rows.filter((row) => row.set_id === setId).map((row) => ({ key: row.key ?? '', doc_count: row.n }));
  const overall = result.rows.find((row) => row.set_id === OVERALL);
  return {
    total: overall?.n ?? 0,
    last24h: overall?.recent ?? 0,
    signatures: bucketsOf(BY_SIGNATURE),
    destinations: bucketsOf(BY_DESTINATION),
    severities: bucketsOf(BY_SEVERITY),
  };
}

// Aggregates over the organisation's Cowrie events in a time range (an occurred_at range: partitions pruned).

const LOGIN = sql`action like 'cowrie.login.%'`;

const COMMAND = sql`action in ('cowrie.command.input', 'cowrie.command.success', 'cowrie.command.failed', 'cowrie.session.input')`;

const FILE = sql`action like 'cowrie.session.file\\_%'`;

const WEB = sql`category = 'web'`;

export type AttackerRow = {
  ip: string;
  total_events: number;
  first_seen: Date;
  last_seen: Date;
  event_types: string[];
  brute_force: boolean;
  command_execution: boolean;
  file_operations: boolean;
  web_attacks: boolean;
};

/** The most active source addresses, with what each did. */
export async function topAttackerRows(db: Executor, orgId: OrgId, range: TimeRange, limit: number): Promise<AttackerRow[]> {
  const result = await sql<AttackerRow>`
    select host(src_ip) as ip, count(*)::int as total_events, min(occurred_at) as first_seen, max(occurred_at) as last_seen,
           array_agg(distinct action order by action) as event_types,
           bool_or(${LOGIN}) as brute_force, bool_or(${COMMAND}) as command_execution,
           bool_or(${FILE}) as file_operations, bool_or(${WEB}) as web_attacks
    from events
    where org_id = ${orgId} and source_kind = 'cowrie' and occurred_at >= ${range.from} and occurred_at <= ${range.to} and src_ip is not null
    group by src_ip
    order by count(*) desc, src_ip
    limit ${limit}`.execute(db);
  return result.rows;
}

export type HoneypotTotalsRow = {
  total_events: number;
  total_attackers: number;
  brute_force: number;
  command_execution: number;
  file_operations: number;
  web_attacks: number;
};

export async function honeypotTotalsRow(db: Executor, orgId: OrgId, range: TimeRange): Promise<HoneypotTotalsRow> {
  const result = await sql<HoneypotTotalsRow>`
    select count(*)::int as total_events, count(distinct src_ip)::int as total_attackers,
           (count(*) filter (where ${LOGIN}))::int as brute_force, (count(*) filter (where ${COMMAND}))::int as command_execution,
           (count(*) filter (where ${FILE}))::int as file_operations, (count(*) filter (where ${WEB}))::int as web_attacks
    from events
    where org_id = ${orgId} and source_kind = 'cowrie' and occurred_at >= ${range.from} and occurred_at <= ${range.to}`.execute(db);
  const row = result.rows[0];
  return row ?? { total_events: 0, total_attackers: 0, brute_force: 0, command_execution: 0, file_operations: 0, web_attacks: 0 };
}

export type HoneypotTopRow = { list: 'username' | 'password' | 'command' | 'download'; value: string; count: number };

/** Top credentials tried, commands typed and files fetched, ranked per list in one scan. */
export async function honeypotTopRows(db: Executor, orgId: OrgId, range: TimeRange, top: number): Promise<HoneypotTopRow[]> {
  const result = await sql<HoneypotTopRow>`
    select list, left(value, 500) as value, count from (
      select v.list, v.value, count(*)::int as count, row_number() over (partition by v.list order by count(*) desc, v.value) as rank
      from events
      cross join lateral (values
        ('username', case when ${LOGIN} then user_name end),
        ('password', case when ${LOGIN} then attributes->>'password' end),
        ('command', case when ${COMMAND} then process_command_line end),
        ('download', case when action = 'cowrie.session.file_download' then coalesce(url, file_sha256) end)
      ) as v(list, value)
      where org_id = ${orgId} and source_kind = 'cowrie' and occurred_at >= ${range.from} and occurred_at <= ${range.to} and v.value is not null
      group by v.list, v.value
    ) ranked
    where rank <= ${top}
    order by list, rank`.execute(db);
  return result.rows;
}
