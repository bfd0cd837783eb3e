import { sweepSearchIndex } from '../../services/search/index.ts';
import { searchIndexSweepContract } from '../contracts.ts';
import { defineTask } from '../define-task.ts';

export const searchIndexSweepTask = defineTask(searchIndexSweepContract, async (_payload, { deps, logger }) => {
  const { switched } = await sweepSearchIndex(deps);
  if (switched) logger.info({ switched }, 'OpenSearch indexing outbox switched');
});
