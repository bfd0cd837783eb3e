import { setTimeout as pause } from 'node:timers/promises';
import type { OrgServiceContext } from '../../core/context.ts';
import { detectionCursorOf, incidentIdsOfEvents, runDetectionOnce, SETTLE_SECONDS } from '../detection/index.ts';
import type { BatchDetection, IngestAnswer, IngestOptions } from './ingest-answer.dto.ts';
import type { IngestSummary, StoredBatch } from './ingest-summary.ts';

/** The longest an ingest request holds its answer for detection (`wait_for_detection`). */
export const DETECTION_WAIT_MS = 10_000;
/** How soon to look again while another runner holds the organisation's detection lock, or the events still settle by the database clock. */
const RECHECK_MS = 250;

type PassOutcome = 'processed' | 'not_yet' | 'failed';

/** The summary, with the batch's detection when the caller asked to wait for it. */
export async function answerIngest(ctx: OrgServiceContext, summary: IngestSummary, batch: StoredBatch, options: IngestOptions): Promise<IngestAnswer> {
  return options.waitForDetection ? { ...summary, ...(await awaitBatchDetection(ctx, batch)) } : summary;
}

/**
 * Waits, at most `timeoutMs`, until a detection pass has read past the batch's last stored event, running the
 * organisation's passes itself (the same passes the scheduled job runs, under the same per-organisation lock) rather
 * than waiting for the worker. Then reports the incidents detection filed the batch's stored events under. Replayed
 * (deduplicated) events were reported to the request that stored them.
 */
export async function awaitBatchDetection(ctx: OrgServiceContext, batch: StoredBatch, timeoutMs = DETECTION_WAIT_MS): Promise<BatchDetection> {
  const deadline = Date.now() + timeoutMs;
  const complete = await detectionPassedBatch(ctx, batch.storedIds, deadline);
  const incidentIds = batch.earliestOccurredAt ? await incidentIdsOfEvents(ctx.deps.db, ctx.orgId, batch.storedIds, batch.earliestOccurredAt) : [];
  return { detection_complete: complete, incidents_detected: incidentIds.length, incident_ids: incidentIds };
}

async function detectionPassedBatch(ctx: OrgServiceContext, storedIds: readonly number[], deadline: number): Promise<boolean> {
  if (storedIds.length === 0) return true;
  const lastId = storedIds.reduce((max, id) => Math.max(max, id), 0);
  // A pass reads only events received SETTLE_SECONDS ago or earlier (so that no concurrent commit is skipped).
  await pause(Math.max(0, Math.min(SETTLE_SECONDS * 1000, deadline - Date.now())));
  for (;;) {
    if ((await detectionCursorOf(ctx.deps.db, ctx.orgId)) >= lastId) return true;
    const remaining = deadline - Date.now();
    if (remaining <= 0) return false;
    const outcome = await beforeDeadline(runPass(ctx), remaining);
    if (outcome === 'timed_out' || outcome === 'failed') return false;
    if (outcome === 'not_yet') await pause(Math.max(0, Math.min(RECHECK_MS, deadline - Date.now())));
  }
}

async function beforeDeadline<T>(work: Promise<T>, ms: number): Promise<T | 'timed_out'> {
  const timer = new AbortController();
  const timeout = pause(ms, 'timed_out' as const, { signal: timer.signal }).catch(() => 'timed_out' as const);
  try {
    return await Promise.race([work, timeout]);
  } finally {
    timer.abort();
  }
}

/** A pass that outlives the wait finishes on its own; its errors are logged, never thrown into the ingest answer. */
async function runPass(ctx: OrgServiceContext): Promise<PassOutcome> {
  try {
    const run = await runDetectionOnce(ctx.deps, ctx.orgId);
    return run.status === 'processed' ? 'processed' : 'not_yet';
  } catch (error) {
    ctx.logger.error({ err: error, orgId: ctx.orgId }, 'detection pass for wait_for_detection failed');
    return 'failed';
  }
}
