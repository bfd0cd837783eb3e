import { sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';

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
 * notices a note.
 */
export async function networkStatsRow(db: Executor, orgId: OrgId, since24h: Date, top: number): Promise<NetworkStatsRow> {
  const result = await sql<{ set_id: number; key: string | null; n: number; recent: number }>`
    with grouped as (
      select grouping(sig, dst, sev) as set_id, coalesce(sig, dst, sev::text) as key, count(*)::int as n,
             count(*) filter (where occurred_at >= ${since24h})::int as recent
      from (
        select coalesce(attributes->>'signature', attributes->>'note') as sig, host(dst_ip) as dst, severity as sev, occurred_at
        from events where org_id = ${orgId} and channel = 'network'
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
