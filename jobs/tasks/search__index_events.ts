import { runSearchIndexer } from '../../services/search/index.ts';
import { indexSearchEventsContract } from '../contracts.ts';
import { defineTask } from '../define-task.ts';

export const indexSearchEventsTask = defineTask(indexSearchEventsContract, async (_payload, { deps, logger }) => {
  const run = await runSearchIndexer(deps);
  if (run.backend === 'opensearch' && (run.indexed > 0 || run.failed > 0 || run.deleted > 0)) logger.info(run, 'events indexed into OpenSearch');
});
