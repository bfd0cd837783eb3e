import { unsafeMintOrgId } from '../../core/database.ts';
import { runRuleReplay } from '../../services/rules/index.ts';
import { replayRuleContract } from '../contracts.ts';
import { defineTask } from '../define-task.ts';

export const replayRuleTask = defineTask(replayRuleContract, async (payload, { deps }) => {
  await runRuleReplay(deps, unsafeMintOrgId(payload.orgId), payload.replayId);
});
