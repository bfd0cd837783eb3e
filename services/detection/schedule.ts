import { sql } from 'kysely';
import type { Executor, OrgId } from '../../db/scope.ts';
import { scanOrgTask } from '../../jobs/tasks/detection__scan_org.ts';
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
  const key = detectionJobKey(orgId);
  const payload = JSON.stringify(scanOrgTask.payloadSchema.parse({ v: 1, orgId }));
  await sql`
    select graphile_worker.add_job(
      identifier => ${scanOrgTask.identifier},
      payload => ${payload}::json,
      run_at => ${new Date(Date.now() + delaySeconds * 1000)}::timestamptz,
      job_key => ${key},
      job_key_mode => 'preserve_run_at'
    )
    where not exists (select 1 from graphile_worker.jobs where key = ${key} and locked_at is null)`.execute(executor);
}
