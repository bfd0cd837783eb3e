import type { Client } from '@opensearch-project/opensearch';
import type { Database, Executor } from '../../../core/database.ts';
import type { Logger } from '../../../core/logger.ts';
import { utcDay } from '../../../db/unsafe/event-partitions.ts';
import {
  advanceSearchBackfill,
  deleteOutboxRows,
  type IndexableEventRow,
  type OutboxRow,
  readSearchIndexState,
  retryOutboxRow,
  type SearchIndexState,
  tryLockSearchIndexer,
  unsafeBackfillBatch,
  unsafeClaimOutbox,
  unsafeEventsByIds,
} from '../../../db/unsafe/search-index.ts';
import { type BulkAction, type BulkItemResult, type BulkOptions, sendBulk } from './bulk.ts';
import type { OpenSearchSettings } from './client.ts';
import { eventIndexName, toEventDocument } from './event-document.ts';
import { ensureEventIndexTemplate } from './index-lifecycle.ts';

const DAY_MS = 86_400_000;

/** Bounded work per pass: one bulk request of at most this many actions (back-pressure on our side). */
export const INDEX_BATCH_EVENTS = 1000;
const OUTBOX_ROWS_PER_PASS = 500;
/** After this many failed attempts an item is given up (next_attempt_at = infinity), kept with its last error. */
export const MAX_ITEM_ATTEMPTS = 8;
const RETRY_BASE_MS = 2000;
const RETRY_MAX_MS = 10 * 60_000;

export type IndexerDeps = { db: Database; logger: Logger; client: Client; settings: OpenSearchSettings; bulk?: Partial<BulkOptions>; now?: () => Date };

export type IndexPass = { status: 'busy' | 'idle' | 'processed'; indexed: number; deleted: number; failed: number; skipped: number; more: boolean };

/**
 * One indexing pass, in one transaction under the deployment's indexer lock: claim due outbox rows (and the next
 * backfill batch), send one bulk request, then delete the rows that went through and keep, with a later retry time,
 * only the ids that failed. If the cluster refuses the whole request the transaction rolls back: the outbox is
 * untouched and the job is retried later. A crash between the bulk and the commit re-sends the same ids, which
 * overwrite the same documents.
 */
export async function runIndexPass(deps: IndexerDeps): Promise<IndexPass> {
  await ensureEventIndexTemplate(deps.client, deps.settings);
  return deps.db.transaction().execute(async (trx) => {
    if (!(await tryLockSearchIndexer(trx))) return { status: 'busy', indexed: 0, deleted: 0, failed: 0, skipped: 0, more: true };
    const now = deps.now?.() ?? new Date();
    const horizon = utcDay(new Date(now.getTime() - deps.settings.retentionDays * DAY_MS));
    const rows = await unsafeClaimOutbox(trx, INDEX_BATCH_EVENTS, OUTBOX_ROWS_PER_PASS);
    const state = await readSearchIndexState(trx);
    const room = INDEX_BATCH_EVENTS - rows.reduce((total, row) => total + row.eventIds.length, 0);
    const backfill = room > 0 && state.backfillAfterId < state.backfillThroughId ? await backfillBatch(trx, state, horizon, room) : [];
    if (rows.length === 0 && backfill.length === 0) return { status: 'idle', indexed: 0, deleted: 0, failed: 0, skipped: 0, more: false };

    const plan = await planActions(trx, rows, horizon, deps.settings.prefix);
    const backfillActions = backfill.map((event) => indexAction(deps.settings.prefix, event));
    const results = await sendBulk(deps.client, [...plan.actions, ...backfillActions], {
      attempts: deps.bulk?.attempts ?? 3,
      backoffMs: deps.bulk?.backoffMs ?? 500,
      ...(deps.bulk?.sleep ? { sleep: deps.bulk.sleep } : {}),
    });
    const failed = await settleOutbox(trx, rows, plan.owners, results, now);
    const backfillResults = results.slice(plan.actions.length);
    const lastBackfill = backfill.at(-1);
    if (lastBackfill) {
      const firstFailure = backfillResults.findIndex((result) => !result.ok);
      // the backfill stops before its first failed event, so the next pass starts there again
      const through =
        firstFailure === -1 ? lastBackfill.id : firstFailure === 0 ? state.backfillAfterId : (backfill[firstFailure - 1]?.id ?? state.backfillAfterId);
      await advanceSearchBackfill(trx, through);
    }
    const succeeded = results.filter((result) => result.ok).length;
    const deletes = plan.actions.filter((action, index) => action.op === 'delete' && results[index]?.ok).length;
    for (const result of results) if (!result.ok) deps.logger.warn({ error: result.error }, 'OpenSearch refused an event document');
    return {
      status: 'processed',
      indexed: succeeded - deletes,
      deleted: deletes,
      failed: failed + backfillResults.filter((result) => !result.ok).length,
      skipped: plan.skipped,
      more: rows.length > 0 || backfill.length > 0,
    };
  });
}

async function backfillBatch(trx: Executor, state: SearchIndexState, horizon: Date, room: number): Promise<IndexableEventRow[]> {
  return unsafeBackfillBatch(trx, state.backfillAfterId, state.backfillThroughId, horizon, room);
}

type Planned = { actions: BulkAction[]; owners: { row: number; position: number }[]; skipped: number };

/**
 * The bulk actions of the claimed rows, in outbox order. Events older than the retention horizon are skipped: their
 * day's index would be deleted at the next retention run, and indexing them would let senders choose how many
 * indices exist (ADR 0008's amendment, for the cluster).
 */
async function planActions(trx: Executor, rows: readonly OutboxRow[], horizon: Date, prefix: string): Promise<Planned> {
  const indexIds = rows
    .filter((row) => row.op === 'index')
    .flatMap((row) => row.eventIds.map((id, position) => ({ id, at: row.occurredAts[position] as Date })));
  const times = indexIds.map(({ at }) => at.getTime());
  const events = indexIds.length
    ? await unsafeEventsByIds(
        trx,
        indexIds.map(({ id }) => id),
        new Date(Math.min(...times)),
        new Date(Math.max(...times)),
      )
    : [];
  const byId = new Map(events.map((event) => [event.id, event]));
  const planned: Planned = { actions: [], owners: [], skipped: 0 };
  rows.forEach((row, rowIndex) => {
    row.eventIds.forEach((id, position) => {
      const occurredAt = row.occurredAts[position] as Date;
      const event = byId.get(id);
      if (occurredAt.getTime() < horizon.getTime() || (row.op === 'index' && !event)) {
        planned.skipped += 1; // too old for the indices, or deleted since: its delete row follows
        return;
      }
      planned.actions.push(row.op === 'index' && event ? indexAction(prefix, event) : { op: 'delete', index: eventIndexName(prefix, occurredAt), id });
      planned.owners.push({ row: rowIndex, position });
    });
  });
  return planned;
}

function indexAction(prefix: string, event: IndexableEventRow): BulkAction {
  return { op: 'index', index: eventIndexName(prefix, event.occurred_at), id: event.id, document: toEventDocument(event) };
}

/** Deletes the rows fully sent; keeps each other row with only its failed ids and a retry time. Returns the failed ids. */
async function settleOutbox(
  trx: Executor,
  rows: readonly OutboxRow[],
  owners: Planned['owners'],
  results: readonly BulkItemResult[],
  now: Date,
): Promise<number> {
  const failures = new Map<number, { positions: number[]; retryable: boolean; error: string }>();
  owners.forEach((owner, index) => {
    const result = results[index];
    if (!result || result.ok) return;
    const entry = failures.get(owner.row) ?? { positions: [], retryable: false, error: result.error };
    entry.positions.push(owner.position);
    entry.retryable ||= result.retryable;
    failures.set(owner.row, entry);
  });
  await deleteOutboxRows(
    trx,
    rows.filter((_, index) => !failures.has(index)).map((row) => row.id),
  );
  let failed = 0;
  for (const [rowIndex, failure] of failures) {
    const row = rows[rowIndex] as OutboxRow;
    failed += failure.positions.length;
    const attempts = row.attempts + 1;
    const giveUp = attempts >= MAX_ITEM_ATTEMPTS || !failure.retryable;
    const retryAt = giveUp ? 'infinity' : new Date(now.getTime() + Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (attempts - 1)));
    await retryOutboxRow(
      trx,
      row.id,
      failure.positions.map((position) => row.eventIds[position] as number),
      failure.positions.map((position) => row.occurredAts[position] as Date),
      retryAt,
      failure.error,
    );
  }
  return failed;
}
