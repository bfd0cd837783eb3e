import { sql } from 'kysely';
import type { Executor } from '../../core/database.ts';
import type { EventInsert } from '../repos/events.repo.ts';

// The OpenSearch indexer works across tenants: one outbox, one bulk stream, documents carrying org_id (ADR 0016).

export type SearchIndexState = { enabled: boolean; backfillAfterId: number; backfillThroughId: number };

export type OutboxRow = { id: number; orgId: string; op: 'index' | 'delete'; eventIds: number[]; occurredAts: Date[]; attempts: number };

/** An event as the indexer reads it: the stored columns, addresses as text, times as dates, JSON parsed. */
export type IndexableEventRow = Omit<EventInsert, 'attributes' | 'raw' | 'dedup_key'> & {
  id: number;
  org_id: string;
  received_at: Date;
  attributes: unknown;
  raw: unknown;
};

const EVENT_COLUMNS = sql`id, org_id, occurred_at, received_at, channel, source_kind, kind, category, action, outcome, severity,
  host(src_ip) as src_ip, src_port, host(dst_ip) as dst_ip, dst_port, transport, host_name, user_name, process_name,
  process_command_line, url, file_name, file_sha256, file_md5, sensor_id, session_id, agent_id::text, device_id::text,
  message, attributes, raw`;

export async function readSearchIndexState(db: Executor): Promise<SearchIndexState> {
  const result = await sql<{ enabled: boolean; after: string; through: string }>`
    select enabled, backfill_after_id as after, backfill_through_id as through from search_index_state`.execute(db);
  const row = result.rows[0];
  return { enabled: row?.enabled ?? false, backfillAfterId: Number(row?.after ?? 0), backfillThroughId: Number(row?.through ?? 0) };
}

/**
 * Switches the outbox trigger on. `lock table events in share mode` waits for every insert in flight and holds new
 * ones until this commits: each event then either existed before (its id is at most the backfill bound, and the
 * backfill indexes it) or is inserted after (its statement's trigger sees the switch on and writes an outbox row).
 */
export async function unsafeEnableSearchOutbox(trx: Executor, horizon: Date): Promise<SearchIndexState> {
  await sql`lock table events in share mode`.execute(trx);
  const current = await sql<{ enabled: boolean }>`select enabled from search_index_state for update`.execute(trx);
  if (current.rows[0]?.enabled) return readSearchIndexState(trx);
  const result = await sql<{ through: string | null }>`select max(id)::text as through from events where occurred_at >= ${horizon}`.execute(trx);
  const through = Number(result.rows[0]?.through ?? 0);
  await sql`update search_index_state set enabled = true, backfill_after_id = 0, backfill_through_id = ${through}, changed_at = now()`.execute(trx);
  return { enabled: true, backfillAfterId: 0, backfillThroughId: through };
}

/** Back to PostgreSQL only: the trigger stops writing and the pending outbox is dropped (a later switch-on backfills). */
export async function unsafeDisableSearchOutbox(db: Executor): Promise<void> {
  await sql`update search_index_state set enabled = false, backfill_after_id = 0, backfill_through_id = 0, changed_at = now()`.execute(db);
  await sql`delete from search_outbox`.execute(db);
}

/** One indexer at a time for the whole deployment; a second one backs off. */
export async function tryLockSearchIndexer(trx: Executor): Promise<boolean> {
  const result = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(hashtext('vigil:search-indexer')) as locked`.execute(trx);
  return result.rows[0]?.locked === true;
}

/** Due outbox rows in order, until `maxEvents` ids are gathered (at least one row). */
export async function unsafeClaimOutbox(trx: Executor, maxEvents: number, maxRows: number): Promise<OutboxRow[]> {
  const result = await sql<{
    id: string;
    org_id: string;
    op: 'index' | 'delete';
    event_ids: string[];
    occurred_ats: Date[];
    attempts: number;
    running: string;
  }>`
    select id, org_id, op, event_ids::text[] as event_ids, occurred_ats, attempts,
           sum(cardinality(event_ids)) over (order by id) as running
    from (select * from search_outbox where next_attempt_at <= now() order by id limit ${maxRows} for update) due
    order by id`.execute(trx);
  const rows: OutboxRow[] = [];
  for (const row of result.rows) {
    if (rows.length > 0 && Number(row.running) > maxEvents) break;
    rows.push({
      id: Number(row.id),
      orgId: row.org_id,
      op: row.op,
      eventIds: row.event_ids.map(Number),
      occurredAts: row.occurred_ats,
      attempts: row.attempts,
    });
  }
  return rows;
}

/** The listed events that still exist, bounded by their stated times so PostgreSQL prunes partitions (ADR 0008). */
export async function unsafeEventsByIds(db: Executor, ids: readonly number[], from: Date, to: Date): Promise<IndexableEventRow[]> {
  if (ids.length === 0) return [];
  const result = await sql<IndexableEventRow>`
    select ${EVENT_COLUMNS} from events
    where id = any(${ids.map(String)}::bigint[]) and occurred_at >= ${from} and occurred_at <= ${to}`.execute(db);
  return result.rows.map((row) => ({ ...row, id: Number(row.id) }));
}

/** The next backfill batch: events of the retention window that existed when indexing was switched on. */
export async function unsafeBackfillBatch(db: Executor, afterId: number, throughId: number, horizon: Date, limit: number): Promise<IndexableEventRow[]> {
  const result = await sql<IndexableEventRow>`
    select ${EVENT_COLUMNS} from events
    where id > ${afterId} and id <= ${throughId} and occurred_at >= ${horizon}
    order by id limit ${limit}`.execute(db);
  return result.rows.map((row) => ({ ...row, id: Number(row.id) }));
}

export async function advanceSearchBackfill(db: Executor, afterId: number): Promise<void> {
  await sql`update search_index_state set backfill_after_id = ${afterId}`.execute(db);
}

export async function deleteOutboxRows(db: Executor, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`delete from search_outbox where id = any(${ids.map(String)}::bigint[])`.execute(db);
}

/** Keeps only the ids that failed, to be tried again at `retryAt` (`infinity`: given up, kept for inspection). */
export async function retryOutboxRow(
  db: Executor,
  id: number,
  eventIds: readonly number[],
  occurredAts: readonly Date[],
  retryAt: Date | 'infinity',
  error: string,
): Promise<void> {
  await sql`
    update search_outbox set event_ids = ${eventIds.map(String)}::bigint[], occurred_ats = ${occurredAts}::timestamptz[],
      attempts = attempts + 1, next_attempt_at = ${retryAt === 'infinity' ? sql`'infinity'::timestamptz` : sql`${retryAt}::timestamptz`}, last_error = ${error}
    where id = ${id}`.execute(db);
}

/** Whether anything waits for the indexer now: a due outbox row or backfill left. */
export async function unsafeSearchIndexBacklog(db: Executor): Promise<boolean> {
  const result = await sql<{ pending: boolean }>`
    select exists (select 1 from search_outbox where next_attempt_at <= now())
        or exists (select 1 from search_index_state where enabled and backfill_after_id < backfill_through_id) as pending`.execute(db);
  return result.rows[0]?.pending === true;
}

/** When the next outbox row falls due (rows given up are not counted). */
export async function nextOutboxDue(db: Executor): Promise<Date | null> {
  const result = await sql<{ due: Date | null }>`select min(next_attempt_at) as due from search_outbox where next_attempt_at < 'infinity'`.execute(db);
  return result.rows[0]?.due ?? null;
}
