import { z } from 'zod';
import { unsafeMintOrgId } from '../../db/scope.ts';
import { unsafeOrgsWithDetectionBacklog } from '../../db/unsafe/detection-backlog.ts';
import { scheduleDetection } from '../../services/detection/schedule.ts';
import { defineTask } from '../define-task.ts';

const MAX_ORGS_PER_SWEEP = 1000;

/** Safety net: every organisation with events its detection cursor has not passed gets a pass queued. */
export const detectionSweepTask = defineTask({
  identifier: 'detection__sweep',
  payloadSchema: z.object({ v: z.literal(1) }).loose(),
  async run(_payload, { deps, logger }) {
    const orgs = await unsafeOrgsWithDetectionBacklog(deps.db, MAX_ORGS_PER_SWEEP);
    for (const orgId of orgs) await scheduleDetection(deps.db, unsafeMintOrgId(orgId), 0);
    if (orgs.length > 0) logger.info({ orgs: orgs.length }, 'detection backlog scheduled');
  },
});
