import type { Executor, OrgId } from '../../../core/database.ts';
import {
  appendWorkflowLog,
  countWorkflowSteps,
  lockWorkflow,
  markPendingSteps,
  updateWorkflow,
  updateWorkflowStep,
  type WorkflowRow,
  type WorkflowStepRow,
} from '../../../db/repos/response-workflows.repo.ts';
import { emitWebhookEvent } from '../../webhooks/index.ts';
import { enqueueStep } from './record-workflow.service.ts';

type Outcome = { state: 'completed' | 'failed' | 'unsupported' | 'waiting'; detail: string; actionId: number | null };

/** Seconds before retry `attempt` (1-based): 1, 2, 4 … capped at a minute. */
export function backoffSeconds(attempt: number): number {
  return Math.min(60, 2 ** Math.max(0, attempt - 1));
}

async function log(trx: Executor, orgId: OrgId, workflowId: number, stepIndex: number | null, event: string, detail: string): Promise<void> {
  await appendWorkflowLog(trx, orgId, { workflow_id: workflowId, step_index: stepIndex, event, detail, actor_id: null, actor_type: 'system' });
}

/** Ends a workflow (completed, failed or cancelled) and marks the steps it never reached. */
export async function finishWorkflow(
  trx: Executor,
  orgId: OrgId,
  workflow: WorkflowRow,
  status: 'completed' | 'failed' | 'cancelled',
  detail: string,
): Promise<void> {
  const locked = await lockWorkflow(trx, orgId, workflow.id);
  if (locked?.status !== 'running') return;
  await updateWorkflow(trx, orgId, workflow.id, { status, completed_at: new Date() });
  await markPendingSteps(trx, orgId, workflow.id, status === 'cancelled' ? 'cancelled' : 'skipped');
  await log(trx, orgId, workflow.id, null, status, detail);
  if (status !== 'cancelled') {
    await emitWebhookEvent(trx, orgId, status === 'completed' ? 'workflow.completed' : 'workflow.failed', {
      workflow_id: workflow.workflow_id,
      workflow_db_id: workflow.id,
      incident_id: workflow.incident_id,
      playbook_name: workflow.playbook_name,
      status,
      detail,
    });
  }
}

async function next(trx: Executor, orgId: OrgId, workflow: WorkflowRow, step: WorkflowStepRow): Promise<void> {
  if (step.step_index + 1 < (await countWorkflowSteps(trx, orgId, workflow.id))) await enqueueStep(trx, orgId, workflow, step.step_index + 1);
  else await finishWorkflow(trx, orgId, workflow, 'completed', 'every step ran');
}

/** Records a step's outcome and decides what comes next: wait, retry, continue, or stop. */
export async function moveOn(trx: Executor, orgId: OrgId, workflow: WorkflowRow, step: WorkflowStepRow, outcome: Outcome, pollMs: number): Promise<void> {
  if (outcome.state === 'waiting') {
    await updateWorkflowStep(trx, orgId, workflow.id, step.step_index, { response_action_id: outcome.actionId, detail: outcome.detail });
    await enqueueStep(trx, orgId, workflow, step.step_index, new Date(Date.now() + pollMs));
    return;
  }
  if (outcome.state === 'completed') {
    await updateWorkflowStep(trx, orgId, workflow.id, step.step_index, {
      status: 'completed',
      response_action_id: outcome.actionId,
      detail: outcome.detail,
      finished_at: new Date(),
    });
    await log(trx, orgId, workflow.id, step.step_index, 'step_completed', outcome.detail);
    await next(trx, orgId, workflow, step);
    return;
  }
  if (step.attempts <= step.max_retries) {
    const delay = backoffSeconds(step.attempts);
    await updateWorkflowStep(trx, orgId, workflow.id, step.step_index, { status: 'pending', response_action_id: null, detail: outcome.detail });
    await log(trx, orgId, workflow.id, step.step_index, 'step_retry', `attempt ${step.attempts} ${outcome.state}: ${outcome.detail}; retry in ${delay} s`);
    await enqueueStep(trx, orgId, workflow, step.step_index, new Date(Date.now() + delay * 1000));
    return;
  }
  await updateWorkflowStep(trx, orgId, workflow.id, step.step_index, {
    status: outcome.state,
    response_action_id: outcome.actionId,
    detail: outcome.detail,
    finished_at: new Date(),
  });
  await log(trx, orgId, workflow.id, step.step_index, 'step_failed', `${outcome.state} after ${step.attempts} attempt(s): ${outcome.detail}`);
  if (step.continue_on_failure) await next(trx, orgId, workflow, step);
  else await finishWorkflow(trx, orgId, workflow, 'failed', `step ${step.step_index} (${step.action_type}) ${outcome.state}`);
}
