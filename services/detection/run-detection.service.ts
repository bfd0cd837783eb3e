import { sql } from 'kysely';
import type { Database, Executor, OrgId } from '../../core/database.ts';
import type { Logger } from '../../core/logger.ts';
import { hasEventsAfter, selectEventsAfter } from '../../db/queries/detection.ts';
import { advanceDetectionCursor, readDetectionCursor, tryLockOrgDetection } from '../../db/repos/detection-cursors.repo.ts';
import { recordDetectorRuns } from '../../db/repos/detector-health.repo.ts';
import { DETECTORS, prefilterAny } from '../../engines/detection/index.ts';
import { evaluateOrgRules } from '../rules/index.ts';
import { evaluateDetectors } from './evaluate.ts';
import { loadEntityWindows, toDetectionEvent } from './load-windows.ts';
import { persistDetectionBatch } from './persist-batch.ts';
import { loadDetectionSettings } from './settings.service.ts';

export const DETECTION_BATCH = 5000;
/** Events younger than this wait for the next run (see selectEventsAfter). */
export const SETTLE_SECONDS = 2;

/** `more`: events after the cursor remain (a full batch, or events still settling). */
export type DetectionRun = { status: 'busy' | 'idle' | 'processed'; processed: number; detections: number; newIncidents: number; more: boolean };

/**
 * One detection pass for an organisation, in one transaction: under the organisation's advisory lock
 * (a second worker backs off), read the events after the cursor, evaluate the detectors over the stored
 * windows, record alerts and incidents, and advance the cursor. A worker that dies mid-run rolls all of
 * it back, so the next run sees the same events again: nothing is lost and nothing is half-recorded.
 */
export async function runDetectionOnce(deps: { db: Database; logger: Logger }, orgId: OrgId, settleSeconds = SETTLE_SECONDS): Promise<DetectionRun> {
  return deps.db.transaction().execute(async (trx) => {
    if (!(await tryLockOrgDetection(trx, orgId))) return { status: 'busy', processed: 0, detections: 0, newIncidents: 0, more: true };
    const cursor = await readDetectionCursor(trx, orgId);
    const rows = await selectEventsAfter(trx, orgId, cursor, DETECTION_BATCH, settleSeconds);
    const last = rows.at(-1);
    if (!last) return { status: 'idle', processed: 0, detections: 0, newIncidents: 0, more: await hasEventsAfter(trx, orgId, cursor) };
    const settings = await loadDetectionSettings(trx, orgId);
    const detectors = DETECTORS.filter((detector) => !settings.disabledDetectors.includes(detector.id));
    const fresh = rows.map(toDetectionEvent).filter((event) => prefilterAny(event, settings));
    const windows = await loadEntityWindows(trx, orgId, fresh, detectors, settings);
    const { detections, runs } = evaluateDetectors(fresh, windows, detectors, settings);
    const occurredAt = new Map([...windows.values()].flatMap((events) => events.map((event) => [event.id, event.occurredAt] as const)));
    const rules = await evaluateRulesSafely(trx, orgId, { afterId: cursor, throughId: Number(last.id) });
    detections.push(...rules.detections);
    for (const [id, at] of rules.eventTimes) occurredAt.set(id, at);
    runs.push(rules.run);
    const { created: newIncidents } = await persistDetectionBatch(trx, orgId, detections, occurredAt);
    await recordDetectorRuns(trx, orgId, runs);
    await advanceDetectionCursor(trx, orgId, Number(last.id));
    for (const run of runs.filter((run) => run.error)) deps.logger.error({ orgId, detector: run.detector, error: run.error }, 'detector failed');
    return {
      status: 'processed',
      processed: rows.length,
      detections: detections.length,
      newIncidents,
      more: await hasEventsAfter(trx, orgId, Number(last.id)),
    };
  });
}

/**
 * The organisation's rules over the pass, inside a savepoint: a rule failure is reported in the detector health (as
 * `rules`) and rolls back only the rules' own writes, never the built-in detectors' pass.
 */
async function evaluateRulesSafely(trx: Executor, orgId: OrgId, range: { afterId: number; throughId: number }) {
  await sql`savepoint rules`.execute(trx);
  try {
    const pass = await evaluateOrgRules(trx, orgId, range);
    await sql`release savepoint rules`.execute(trx);
    return { detections: pass.detections, eventTimes: pass.eventTimes, run: { detector: 'rules', scanned: pass.scanned, matches: pass.matches } };
  } catch (error) {
    await sql`rollback to savepoint rules`.execute(trx);
    const message = error instanceof Error ? error.message.slice(0, 500) : String(error);
    return { detections: [], eventTimes: new Map<number, Date>(), run: { detector: 'rules', scanned: 0, matches: 0, error: message } };
  }
}
