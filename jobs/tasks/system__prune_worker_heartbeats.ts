import { pruneWorkerHeartbeats } from '../../services/system/index.ts';
import { pruneWorkerHeartbeatsContract } from '../contracts.ts';
import { defineTask } from '../define-task.ts';

export const pruneWorkerHeartbeatsTask = defineTask(pruneWorkerHeartbeatsContract, async (_payload, { deps, logger }) => {
  const removed = await pruneWorkerHeartbeats(deps.db, { olderThanHours: 24 });
  logger.info({ removed }, 'pruned stale worker heartbeats');
});
