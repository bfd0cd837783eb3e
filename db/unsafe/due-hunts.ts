import { sql } from 'kysely';
import { type Executor, type OrgId, unsafeMintOrgId } from '../../core/database.ts';

export type DueHunt = { id: string; org_id: OrgId; window_end: Date };

/**
 * Claims the scheduled hunts (all tenants: the scheduler only) whose slot has come: locks them (SKIP LOCKED, so two
 * schedulers never claim one hunt) and moves each to its next slot after now, all in the caller's transaction. The
 * caller queues the runs in the same transaction: a slot is either claimed and queued, or neither.
 */
export async function unsafeClaimDueHunts(db: Executor, limit: number): Promise<DueHunt[]> {
  const result = await sql<{ id: string; org_id: string; window_end: Date }>`
    with due as (
      select id from hunts
      where next_run_at is not null and next_run_at <= now()
      order by next_run_at
      limit ${limit}
      for update skip locked
    )
    update hunts h set next_run_at = case
        when h.next_run_at + make_interval(secs => h.schedule_seconds) > now() then h.next_run_at + make_interval(secs => h.schedule_seconds)
        else now() + make_interval(secs => h.schedule_seconds) end
    from due where h.id = due.id
    returning h.id, h.org_id, now() as window_end`.execute(db);
  return result.rows.map((row) => ({ id: row.id, org_id: unsafeMintOrgId(row.org_id), window_end: row.window_end }));
}

/**
 * Forgets ledger keys (all tenants: the scheduler only) older than their hunt's lookback and a day: a time-bounded
 * query cannot return those rows again, except aggregate rows that happen to repeat, which then alert once more.
 */
export async function unsafePruneAlertedRows(db: Executor): Promise<number> {
  const result = await sql`
    delete from hunt_alerted_rows k using hunts h
    where h.id = k.hunt_id and k.alerted_at < now() - make_interval(secs => h.lookback_seconds + 86400)`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
