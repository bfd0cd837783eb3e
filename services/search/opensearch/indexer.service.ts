import type { ServiceDeps } from '../../../core/context.ts';
import type { Executor } from '../../../core/database.ts';
import { nextOutboxDue, unsafeSearchIndexBacklog } from '../../../db/unsafe/search-index.ts';
import { indexSearchEventsContract } from '../../../jobs/contracts.ts';
import { enqueue } from '../../../jobs/enqueue.ts';
import { type OpenSearchSettings, openSearchClient, openSearchSettings } from './client.ts';
import { type IndexerDeps, type IndexPass, runIndexPass } from './index-events.service.ts';
import { deleteExpiredEventIndices, syncSearchOutboxSwitch } from './index-lifecycle.ts';

const MAX_PASSES_PER_JOB = 20;
/** The job key the events trigger uses too (migration 20261210011000). */
export const SEARCH_INDEXER_JOB_KEY = 'search:index';

export type IndexerRun =
  | { backend: 'postgres' }
  | { backend: 'opensearch'; passes: number; indexed: number; deleted: number; failed: number; skipped: number; more: boolean };

/** The indexer job: passes until the outbox is drained (or the job's share is used), then a run at the next retry time. */
export async function runSearchIndexer(deps: ServiceDeps, overrides: Partial<IndexerDeps> = {}): Promise<IndexerRun> {
  const settings = openSearchSettings(deps.config);
  await syncSearchOutboxSwitch(deps.db, settings, deps.config.EVENT_RETENTION_DAYS);
  if (!settings) return { backend: 'postgres' };
  const indexer: IndexerDeps = { db: deps.db, logger: deps.logger, client: openSearchClient(settings.url), settings, ...overrides };
  const total = { passes: 0, indexed: 0, deleted: 0, failed: 0, skipped: 0, more: false };
  let pass: IndexPass;
  do {
    pass = await runIndexPass(indexer);
    total.passes += 1;
    total.indexed += pass.indexed;
    total.deleted += pass.deleted;
    total.failed += pass.failed;
    total.skipped += pass.skipped;
  } while (pass.status === 'processed' && total.passes < MAX_PASSES_PER_JOB);
  total.more = pass.status !== 'idle';
  const due = total.more ? new Date(Date.now() + 1000) : await nextOutboxDue(deps.db);
  if (due) await scheduleSearchIndexer(deps.db, due);
  return { backend: 'opensearch', ...total };
}

/** The per-minute sweep: follows SEARCH_BACKEND and queues the indexer when work waits (a run that began before a commit). */
export async function sweepSearchIndex(deps: ServiceDeps): Promise<{ switched: 'enabled' | 'disabled' | null; scheduled: boolean }> {
  const settings = openSearchSettings(deps.config);
  const switched = await syncSearchOutboxSwitch(deps.db, settings, deps.config.EVENT_RETENTION_DAYS);
  const scheduled = settings !== null && (await unsafeSearchIndexBacklog(deps.db));
  if (scheduled) await scheduleSearchIndexer(deps.db, new Date());
  return { switched, scheduled };
}

/** The hourly retention of the event indices; nothing to do on PostgreSQL. */
export async function applySearchIndexRetention(deps: ServiceDeps): Promise<string[]> {
  const settings: OpenSearchSettings | null = openSearchSettings(deps.config);
  if (!settings) return [];
  return deleteExpiredEventIndices(openSearchClient(settings.url), settings);
}

export async function scheduleSearchIndexer(db: Executor, runAt: Date): Promise<void> {
  await enqueue(db, indexSearchEventsContract, { v: 1 }, { runAt, jobKey: SEARCH_INDEXER_JOB_KEY, jobKeyMode: 'preserve_run_at' });
}
