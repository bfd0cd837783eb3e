import { unsafeMintOrgId } from '../../core/database.ts';
import { runWorkflowStep } from '../../services/response/index.ts';
import { workflowStepContract } from '../contracts.ts';
import { defineTask } from '../define-task.ts';

export const workflowStepTask = defineTask(workflowStepContract, async (payload, { deps }) => {
  await runWorkflowStep(deps, unsafeMintOrgId(payload.orgId), payload.workflowId, payload.stepIndex);
});
