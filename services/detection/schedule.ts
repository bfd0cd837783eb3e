import type { Executor, OrgId } from '../../db/scope.ts';
import { enqueue } from '../../jobs/enqueue.ts';
import { scanOrgTask } from '../../jobs/tasks/detection__scan_org.ts';
import { SETTLE_SECONDS } from './run-detection.service.ts';

/**
 * Asks for a detection pass over the organisation's new events, on the caller's transaction. One job
 * key per organisation: a burst of ingests queues one pass, and its run time is kept, so steady
 * traffic cannot postpone detection.
 */
export async function scheduleDetection(executor: Executor, orgId: OrgId, delaySeconds = SETTLE_SECONDS + 0.5): Promise<void> {
  await enqueue(
    executor,
    scanOrgTask,
    { v: 1, orgId },
    { jobKey: `detection:${orgId}`, jobKeyMode: 'preserve_run_at', runAt: new Date(Date.now() + delaySeconds * 1000) },
  );
}
