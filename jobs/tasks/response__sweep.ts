import { expireOverdueEverywhere } from '../../services/response/index.ts';
import { responseSweepContract } from '../contracts.ts';
import { defineTask } from '../define-task.ts';

export const responseSweepTask = defineTask(responseSweepContract, async (_payload, { deps, logger }) => {
  const orgs = await expireOverdueEverywhere(deps);
  if (orgs > 0) logger.info({ orgs }, 'overdue agent commands expired');
});
