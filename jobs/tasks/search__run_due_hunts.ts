import { scheduleDueHunts } from '../../services/search/index.ts';
import { runDueHuntsContract } from '../contracts.ts';
import { defineTask } from '../define-task.ts';

export const runDueHuntsTask = defineTask(runDueHuntsContract, async (_payload, { deps, logger }) => {
  const queued = await scheduleDueHunts(deps);
  if (queued > 0) logger.info({ hunts: queued }, 'scheduled hunts queued');
});
