import { sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';

/** One stored match of a rule that a correlation counts: `group` is the JSON of its group-by values. */
export type RuleHitInsert = { ruleId: string; eventId: number; occurredAt: Date; correlationId: string; group: string; value: string | null };
export type StoredRuleHit = { rule_id: string; event_id: number; occurred_at: Date; value: string | null };

/**
 * Stores hits set-based; a hit already stored (a pass re-run after a rollback) is kept once. `fields` keeps, per
 * correlation, the group and value the hit counts under.
 */
export async function insertRuleHits(db: Executor, orgId: OrgId, hits: readonly RuleHitInsert[]): Promise<void> {
  if (hits.length === 0) return;
  const merged = new Map<string, { ruleId: string; eventId: number; occurredAt: Date; fields: Record<string, { g: string; v: string | null }> }>();
  for (const hit of hits) {
    const key = `${hit.ruleId}|${hit.eventId}`;
    const row = merged.get(key) ?? { ruleId: hit.ruleId, eventId: hit.eventId, occurredAt: hit.occurredAt, fields: {} };
    row.fields[hit.correlationId] = { g: hit.group, v: hit.value };
    merged.set(key, row);
  }
  const rows = [...merged.values()];
  await sql`
    insert into rule_hits (org_id, rule_id, event_id, occurred_at, fields)
    select ${orgId}::uuid, r.rule_id, r.event_id, r.occurred_at, r.fields
    from unnest(${rows.map((row) => row.ruleId)}::uuid[], ${rows.map((row) => row.eventId)}::bigint[],
                ${rows.map((row) => row.occurredAt.toISOString())}::timestamptz[], ${rows.map((row) => JSON.stringify(row.fields))}::jsonb[])
      as r(rule_id, event_id, occurred_at, fields)
    on conflict (org_id, rule_id, event_id) do update set fields = rule_hits.fields || excluded.fields`.execute(db);
}

/** The stored hits a correlation counts for some groups in a time range, oldest first, bounded. */
export async function selectCorrelationHits(
  db: Executor,
  orgId: OrgId,
  query: { correlationId: string; ruleIds: readonly string[]; groups: readonly string[]; from: Date; to: Date; limit: number },
): Promise<Array<StoredRuleHit & { group: string }>> {
  const result = await sql<StoredRuleHit & { group: string }>`
    select rule_id, event_id::int8 as event_id, occurred_at, fields -> ${query.correlationId} ->> 'g' as "group", fields -> ${query.correlationId} ->> 'v' as value
    from rule_hits
    where org_id = ${orgId} and rule_id = any(${[...query.ruleIds]}::uuid[])
      and occurred_at >= ${query.from} and occurred_at <= ${query.to}
      and fields -> ${query.correlationId} ->> 'g' = any(${[...query.groups]}::text[])
    order by occurred_at, event_id
    limit ${query.limit}`.execute(db);
  return result.rows.map((row) => ({ ...row, event_id: Number(row.event_id) }));
}
