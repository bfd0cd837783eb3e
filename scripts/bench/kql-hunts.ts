/**
 * Typical hunts, each as KQL and as the SQL a person would write by hand for the same answer over the same rows
 * (organisation and the 24-hour range included, as the KQL route always adds them). `:org`, `:start`, `:end` are
 * bound as parameters.
 */
export type BenchHunt = { name: string; kql: string; sql: string };

export const BENCH_HUNTS: BenchHunt[] = [
  {
    name: 'selective where + summarize by bin',
    kql: `Events
| where SrcIp == "203.0.113.7" and Action == "ssh.login_failed"
| summarize attempts = count() by bin(TimeGenerated, 1h)
| sort by TimeGenerated asc`,
    sql: `select date_bin('1 hour', occurred_at, timestamptz '2001-01-01') as "TimeGenerated", count(*) as attempts
from events
where org_id = $1 and occurred_at >= $2 and occurred_at < $3
  and src_ip = '203.0.113.7'::inet and action = 'ssh.login_failed'
group by 1 order by 1 asc`,
  },
  {
    name: 'top-N attacking addresses',
    kql: `Events
| where Action == "ssh.login_failed"
| summarize attempts = count() by SrcIp
| top 10 by attempts`,
    sql: `select host(src_ip) as "SrcIp", count(*) as attempts
from events
where org_id = $1 and occurred_at >= $2 and occurred_at < $3 and action = 'ssh.login_failed'
group by src_ip order by attempts desc limit 10`,
  },
  {
    name: 'dcount: port scanners',
    kql: `Events
| where Category == "network"
| summarize ports = dcount(DstPort) by SrcIp
| where ports >= 100
| sort by ports desc
| take 20`,
    sql: `select host(src_ip) as "SrcIp", count(distinct dst_port) as ports
from events
where org_id = $1 and occurred_at >= $2 and occurred_at < $3 and category = 'network'
group by src_ip having count(distinct dst_port) >= 100 order by ports desc limit 20`,
  },
  {
    name: 'join high alerts to their events',
    kql: `Alerts
| where Severity == "high"
| project SrcIp, Title
| join kind=inner (Events | where Action == "ssh.login_failed" | summarize attempts = count() by SrcIp) on SrcIp
| project SrcIp, Title, attempts
| sort by attempts desc
| take 50`,
    sql: `with a as (
  select src_ip, title from alerts
  where org_id = $1 and created_at >= $2 and created_at < $3 and severity = 'high'
), e as (
  select src_ip, count(*) as attempts from events
  where org_id = $1 and occurred_at >= $2 and occurred_at < $3 and action = 'ssh.login_failed'
  group by src_ip
)
select host(a.src_ip) as "SrcIp", a.title as "Title", e.attempts
from a join e on e.src_ip = a.src_ip order by e.attempts desc limit 50`,
  },
];
