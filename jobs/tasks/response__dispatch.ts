import { unsafeMintOrgId } from '../../core/database.ts';
import { dispatchAction } from '../../services/response/index.ts';
import { dispatchActionContract } from '../contracts.ts';
import { defineTask } from '../define-task.ts';

/** The durable path of a response action: a no-op when the request already carried it out inline. */
export const dispatchActionTask = defineTask(dispatchActionContract, async (payload, { deps }) => {
  await dispatchAction(deps, unsafeMintOrgId(payload.orgId), payload.actionId);
});
