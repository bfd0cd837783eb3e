import { z } from 'zod';
import { raiseAgentOfflineAlerts } from '../../services/detection/agent-offline.service.ts';
import { defineTask } from '../define-task.ts';

export const detectOfflineAgentsTask = defineTask({
  identifier: 'agents__detect_offline',
  payloadSchema: z.object({ v: z.literal(1) }).loose(),
  async run(_payload, { deps, logger }) {
    const raised = await raiseAgentOfflineAlerts(deps.db);
    if (raised > 0) logger.info({ raised }, 'agent offline alerts raised');
  },
});
