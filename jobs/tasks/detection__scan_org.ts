import { z } from 'zod';
import { findOrg } from '../../db/repos/orgs.repo.ts';
import { unsafeMintOrgId } from '../../db/scope.ts';
import { runDetectionOnce } from '../../services/detection/run-detection.service.ts';
import { scheduleDetection } from '../../services/detection/schedule.ts';
import { defineTask } from '../define-task.ts';

const MAX_PASSES_PER_JOB = 20;

export const scanOrgTask = defineTask({
  identifier: 'detection__scan_org',
  payloadSchema: z.object({ v: z.literal(1), orgId: z.uuid() }),
  async run(payload, { deps, logger }) {
    const orgId = unsafeMintOrgId(payload.orgId);
    if (!(await findOrg(deps.db, orgId))) {
      logger.warn({ orgId }, 'organisation no longer exists; skipping detection');
      return;
    }
    let run = await runDetectionOnce(deps, orgId);
    for (let pass = 1; run.status === 'processed' && run.more && pass < MAX_PASSES_PER_JOB; pass++) run = await runDetectionOnce(deps, orgId);
    logger.debug({ orgId, ...run }, 'detection done');
    // Events still settling, a full backlog, or a pass another worker held: come back shortly.
    if (run.more) await scheduleDetection(deps.db, orgId);
  },
});
