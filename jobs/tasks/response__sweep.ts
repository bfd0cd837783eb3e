import { sweepResponses } from '../../services/response/index.ts';
import { responseSweepContract } from '../contracts.ts';
import { defineTask } from '../define-task.ts';

export const responseSweepTask = defineTask(responseSweepContract, async (_payload, { deps, logger }) => {
  const swept = await sweepResponses(deps);
  if (swept.expiredOrgs > 0 || swept.redispatched > 0) logger.info(swept, 'response sweep');
});
