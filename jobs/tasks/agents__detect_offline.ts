import { raiseAgentOfflineAlerts } from '../../services/detection/index.ts';
import { detectOfflineAgentsContract } from '../contracts.ts';
import { defineTask } from '../define-task.ts';

export const detectOfflineAgentsTask = defineTask(detectOfflineAgentsContract, async (_payload, { deps, logger }) => {
  const raised = await raiseAgentOfflineAlerts(deps.db);
  if (raised > 0) logger.info({ raised }, 'agent offline alerts raised');
});
