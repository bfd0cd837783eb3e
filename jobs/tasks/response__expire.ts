import { unsafeMintOrgId } from '../../core/database.ts';
import { expireAction } from '../../services/response/index.ts';
import { expireActionContract } from '../contracts.ts';
import { defineTask } from '../define-task.ts';

export const expireActionTask = defineTask(expireActionContract, async (payload, { deps }) => {
  await expireAction(deps, unsafeMintOrgId(payload.orgId), payload.actionId);
});
