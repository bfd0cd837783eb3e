import { unsafeMintOrgId } from '../../core/database.ts';
import { runScheduledHunt } from '../../services/search/index.ts';
import { runHuntContract } from '../contracts.ts';
import { defineTask } from '../define-task.ts';

export const runHuntTask = defineTask(runHuntContract, async (payload, { deps }) => {
  await runScheduledHunt(deps, unsafeMintOrgId(payload.orgId), payload.huntId, new Date(payload.windowEnd));
});
