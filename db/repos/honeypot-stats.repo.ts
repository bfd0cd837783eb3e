import { sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';

// Aggregates over the organisation's Cowrie events since a given time (an occurred_at range: partitions pruned).

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
export async function topAttackerRows(db: Executor, orgId: OrgId, since: Date, limit: number): Promise<AttackerRow[]> {
  const result = await sql<AttackerRow>`
    select host(src_ip) as ip, count(*)::int as total_events, min(occurred_at) as first_seen, max(occurred_at) as last_seen,
           array_agg(distinct action order by action) as event_types,
           bool_or(${LOGIN}) as brute_force, bool_or(${COMMAND}) as command_execution,
           bool_or(${FILE}) as file_operations, bool_or(${WEB}) as web_attacks
    from events
    where org_id = ${orgId} and source_kind = 'cowrie' and occurred_at >= ${since} and src_ip is not null
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

export async function honeypotTotalsRow(db: Executor, orgId: OrgId, since: Date): Promise<HoneypotTotalsRow> {
  const result = await sql<HoneypotTotalsRow>`
    select count(*)::int as total_events, count(distinct src_ip)::int as total_attackers,
           (count(*) filter (where ${LOGIN}))::int as brute_force, (count(*) filter (where ${COMMAND}))::int as command_execution,
           (count(*) filter (where ${FILE}))::int as file_operations, (count(*) filter (where ${WEB}))::int as web_attacks
    from events
    where org_id = ${orgId} and source_kind = 'cowrie' and occurred_at >= ${since}`.execute(db);
  const row = result.rows[0];
  return row ?? { total_events: 0, total_attackers: 0, brute_force: 0, command_execution: 0, file_operations: 0, web_attacks: 0 };
}

export type HoneypotTopRow = { list: 'username' | 'password' | 'command' | 'download'; value: string; count: number };

/** Top credentials tried, commands typed and files fetched, ranked per list in one scan. */
export async function honeypotTopRows(db: Executor, orgId: OrgId, since: Date, top: number): Promise<HoneypotTopRow[]> {
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
      where org_id = ${orgId} and source_kind = 'cowrie' and occurred_at >= ${since} and v.value is not null
      group by v.list, v.value
    ) ranked
    where rank <= ${top}
    order by list, rank`.execute(db);
  return result.rows;
}
