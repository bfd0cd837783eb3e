import { randomBytes } from 'node:crypto';
import type { ServiceDeps } from '../../../core/context.ts';
import type { Executor, OrgId } from '../../../core/database.ts';
import { appendWorkflowLog, insertWorkflow, insertWorkflowSteps, type WorkflowRow } from '../../../db/repos/response-workflows.repo.ts';
import { workflowStepContract } from '../../../jobs/contracts.ts';
import { enqueue } from '../../../jobs/enqueue.ts';
import { planSteps, type WorkflowStepInput } from './workflow-steps.ts';

export const WORKFLOW_PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export type WorkflowPriority = (typeof WORKFLOW_PRIORITIES)[number];

/** graphile-worker runs lower numbers first. */
export const JOB_PRIORITY: Readonly<Record<WorkflowPriority, number>> = { critical: -10, high: -5, medium: 0, low: 5 };

export type WorkflowActor = { id: string | null; type: string; mayExecute: boolean };

export type NewWorkflow = {
  incidentId: number | null;
  playbookName: string;
  steps: readonly WorkflowStepInput[];
  autoExecute: boolean;
  priority: WorkflowPriority;
  source: 'manual' | 'execute' | 'trigger';
  triggerId?: number | null;
  dryRun?: boolean;
};

export function enqueueStep(
  trx: Executor,
  orgId: OrgId,
  workflow: Pick<WorkflowRow, 'id' | 'priority'>,
  stepIndex: number,
  runAt?: Date,
): Promise<string | null> {
  return enqueue(
    trx,
    workflowStepContract,
    { v: 1, orgId, workflowId: workflow.id, stepIndex },
    {
      jobKey: `response:workflow:${workflow.id}:${stepIndex}`,
      priority: JOB_PRIORITY[workflow.priority as WorkflowPriority] ?? 0,
      maxAttempts: 5,
      ...(runAt ? { runAt } : {}),
    },
  );
}

/**
 * Stores a workflow on the caller's transaction. It starts at once (its first step queued on the same
 * transaction) only when asked to auto-execute by someone allowed to execute and nothing in it needs
 * approval; a disruptive step makes it wait for a soc_lead.
 */
export async function recordWorkflow(trx: Executor, _deps: ServiceDeps, orgId: OrgId, actor: WorkflowActor, input: NewWorkflow): Promise<WorkflowRow> {
  const steps = planSteps(input.steps);
  const approvalRequired = steps.some((step) => step.high);
  const starts = input.autoExecute && actor.mayExecute && !approvalRequired;
  const workflow = await insertWorkflow(trx, orgId, {
    workflow_id: `wf_${input.incidentId ?? 'none'}_${randomBytes(4).toString('hex')}`,
    incident_id: input.incidentId,
    playbook_name: input.playbookName,
    priority: input.priority,
    status: starts ? 'running' : approvalRequired ? 'awaiting_approval' : 'pending',
    approval_required: approvalRequired,
    auto_executed: starts,
    dry_run: input.dryRun ?? false,
    source: input.source,
    trigger_id: input.triggerId ?? null,
    created_by: actor.id ?? 'system',
    created_by_type: actor.type,
    started_at: starts ? new Date() : null,
  });
  await insertWorkflowSteps(
    trx,
    orgId,
    workflow.id,
    steps.map(({ high: _high, parameters, ...step }) => ({ ...step, parameters: JSON.stringify(parameters) })),
  );
  const detail = `${steps.length} step(s); ${
    approvalRequired
      ? 'needs approval: ' +
        steps
          .filter((s) => s.high)
          .map((s) => s.action_type)
          .join(', ')
      : 'no approval needed'
  }`;
  await appendWorkflowLog(trx, orgId, { workflow_id: workflow.id, step_index: null, event: 'created', detail, actor_id: actor.id, actor_type: actor.type });
  if (starts) {
    await appendWorkflowLog(trx, orgId, {
      workflow_id: workflow.id,
      step_index: null,
      event: 'started',
      detail: 'auto-executed',
      actor_id: actor.id,
      actor_type: actor.type,
    });
    await enqueueStep(trx, orgId, workflow, 0);
  }
  return workflow;
}
