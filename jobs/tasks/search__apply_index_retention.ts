import { applySearchIndexRetention } from '../../services/search/index.ts';
import { searchIndexRetentionContract } from '../contracts.ts';
import { defineTask } from '../define-task.ts';

export const searchIndexRetentionTask = defineTask(searchIndexRetentionContract, async (_payload, { deps, logger }) => {
  const deleted = await applySearchIndexRetention(deps);
  if (deleted.length > 0) logger.info({ deleted }, 'expired event indices deleted');
});
