import type { Executor, OrgId } from '../../core/database.ts';
import { scanOrgContract } from '../../jobs/contracts.ts';
import { enqueue } from '../../jobs/enqueue.ts';
import { SETTLE_SECONDS } from './run-detection.service.ts';

export function detectionJobKey(orgId: OrgId): string {
  return `detection:${orgId}`;
}

/**
 * Asks for a detection pass over the organisation's new events, on the caller's transaction. When a
 * pass is already waiting, nothing is written: concurrent ingest transactions then never queue on
 * the same job row. Should that waiting pass run before this transaction commits, the sweep
 * (detection__sweep, every minute) schedules the pass that picks the events up.
 */
export async function scheduleDetection(executor: Executor, orgId: OrgId, delaySeconds = SETTLE_SECONDS + 0.5): Promise<void> {
  await enqueue(
    executor,
    scanOrgContract,
    { v: 1, orgId },
    { runAt: new Date(Date.now() + delaySeconds * 1000), jobKey: detectionJobKey(orgId), jobKeyMode: 'preserve_run_at', onlyIfNonePending: true },
  );
}
