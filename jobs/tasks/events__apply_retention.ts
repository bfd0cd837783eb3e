import { z } from 'zod';
import { dropExpiredEventPartitions, pruneExpiredCredentialsAndWindows } from '../../services/ingest/retention.service.ts';
import { defineTask } from '../define-task.ts';

export const applyRetentionTask = defineTask({
  identifier: 'events__apply_retention',
  payloadSchema: z.object({ v: z.literal(1) }).loose(),
  async run(_payload, { deps, logger }) {
    const dropped = await dropExpiredEventPartitions(deps.db, deps.config.EVENT_RETENTION_DAYS);
    const pruned = await pruneExpiredCredentialsAndWindows(deps.db);
    logger.info({ dropped, retentionDays: deps.config.EVENT_RETENTION_DAYS, ...pruned }, 'retention applied');
  },
});
