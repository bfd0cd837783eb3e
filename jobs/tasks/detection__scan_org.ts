import { unsafeMintOrgId } from '../../core/database.ts';
import { runDetectionOnce, scheduleDetection } from '../../services/detection/index.ts';
import { orgExists } from '../../services/identity/index.ts';
import { scanOrgContract } from '../contracts.ts';
import { defineTask } from '../define-task.ts';

const MAX_PASSES_PER_JOB = 20;

export const scanOrgTask = defineTask(scanOrgContract, async (payload, { deps, logger }) => {
  const orgId = unsafeMintOrgId(payload.orgId);
  if (!(await orgExists(deps.db, orgId))) {
    logger.warn({ orgId }, 'organisation no longer exists; skipping detection');
    return;
  }
  let run = await runDetectionOnce(deps, orgId);
  for (let pass = 1; run.status === 'processed' && run.more && pass < MAX_PASSES_PER_JOB; pass++) run = await runDetectionOnce(deps, orgId);
  logger.debug({ orgId, ...run }, 'detection done');
  // Events still settling, a full backlog, or a pass another worker held: come back shortly.
  if (run.more) await scheduleDetection(deps.db, orgId);
});
