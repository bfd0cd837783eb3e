import { z } from 'zod';
import { pruneWorkerHeartbeats } from '../../services/system/worker-heartbeat.service.ts';
import { defineTask } from '../define-task.ts';

export const pruneWorkerHeartbeatsTask = defineTask({
  identifier: 'system__prune_worker_heartbeats',
  payloadSchema: z.object({ v: z.literal(1) }).loose(),
  async run(_payload, { deps, logger }) {
    const removed = await pruneWorkerHeartbeats(deps.db, { olderThanHours: 24 });
    logger.info({ removed }, 'pruned stale worker heartbeats');
  },
});
