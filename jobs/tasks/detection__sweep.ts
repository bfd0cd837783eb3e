import { scheduleDetectionBacklog } from '../../services/detection/index.ts';
import { detectionSweepContract } from '../contracts.ts';
import { defineTask } from '../define-task.ts';

export const detectionSweepTask = defineTask(detectionSweepContract, async (_payload, { deps, logger }) => {
  const orgs = await scheduleDetectionBacklog(deps.db);
  if (orgs > 0) logger.info({ orgs }, 'detection backlog scheduled');
});
