import { z } from 'zod';
import type { WorkflowLogRow, WorkflowRow, WorkflowStepRow } from '../../../db/repos/response-workflows.repo.ts';
import { actionDefinition } from '../catalogue.ts';

export const ZWorkflowStep = z.object({
  step_index: z.number().int(),
  action_type: z.string(),
  parameters: z.record(z.string(), z.unknown()),
  status: z.enum(['pending', 'running', 'completed', 'failed', 'unsupported', 'skipped', 'cancelled']),
  attempts: z.number().int(),
  max_retries: z.number().int(),
  timeout_seconds: z.number().int(),
  continue_on_failure: z.boolean(),
  response_action_id: z.number().int().nullable().describe('The response action this step ran (GET /actions/{id})'),
  detail: z.string().nullable(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
});

export const ZRollbackStep = z.object({ step_index: z.number().int(), action_id: z.number().int(), action_type: z.string(), inverse: z.string() });

export const ZWorkflowLogEntry = z.object({
  step_index: z.number().int().nullable(),
  event: z.string(),
  detail: z.string().nullable(),
  actor_id: z.string().nullable(),
  actor_type: z.string(),
  at: z.string(),
});

export const ZWorkflow = z.object({
  id: z.number().int().describe('workflow_db_id'),
  workflow_db_id: z.number().int(),
  workflow_id: z.string().describe('Mini-XDR’s wf_<incident>_<hex> id; either id works in paths'),
  incident_id: z.number().int().nullable(),
  playbook_name: z.string(),
  priority: z.enum(['low', 'medium', 'high', 'critical']),
  status: z.enum(['pending', 'awaiting_approval', 'running', 'completed', 'failed', 'cancelled', 'rejected']),
  approval_required: z.boolean(),
  approved_by: z.string().nullable().describe('Who approved or rejected it (a soc_lead or admin, from their credentials)'),
  decided_at: z.string().nullable(),
  auto_executed: z.boolean(),
  dry_run: z.boolean(),
  cancel_requested: z.boolean(),
  source: z.string(),
  trigger_id: z.number().int().nullable(),
  current_step: z.number().int().describe('Steps finished so far'),
  total_steps: z.number().int(),
  progress_percentage: z.number(),
  success_rate: z.number().describe('Completed steps / finished steps, 0–1'),
  created_by: z.string(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  completed_at: z.string().nullable(),
  steps: z.array(ZWorkflowStep),
  rollback_plan: z.array(ZRollbackStep).describe('Inverse actions of the completed steps, newest first (POST …/rollback runs them)'),
  log: z.array(ZWorkflowLogEntry).optional(),
});
export type WorkflowDto = z.infer<typeof ZWorkflow>;

const FINISHED = ['completed', 'failed', 'unsupported', 'skipped', 'cancelled'];

export function rollbackPlan(steps: readonly WorkflowStepRow[]): z.infer<typeof ZRollbackStep>[] {
  return steps
    .filter((step) => step.status === 'completed' && step.response_action_id !== null && actionDefinition(step.action_type)?.inverse)
    .map((step) => ({
      step_index: step.step_index,
      action_id: Number(step.response_action_id),
      action_type: step.action_type,
      inverse: actionDefinition(step.action_type)?.inverse ?? '',
    }))
    .reverse();
}

export function toWorkflowDto(row: WorkflowRow, steps: readonly WorkflowStepRow[], log?: readonly WorkflowLogRow[]): WorkflowDto {
  const finished = steps.filter((step) => FINISHED.includes(step.status) && step.status !== 'skipped' && step.status !== 'cancelled');
  const completed = steps.filter((step) => step.status === 'completed').length;
  return {
    id: Number(row.id),
    workflow_db_id: Number(row.id),
    workflow_id: row.workflow_id,
    incident_id: row.incident_id === null ? null : Number(row.incident_id),
    playbook_name: row.playbook_name,
    priority: row.priority as WorkflowDto['priority'],
    status: row.status as WorkflowDto['status'],
    approval_required: row.approval_required,
    approved_by: row.decided_by,
    decided_at: row.decided_at?.toISOString() ?? null,
    auto_executed: row.auto_executed,
    dry_run: row.dry_run,
    cancel_requested: row.cancel_requested,
    source: row.source,
    trigger_id: row.trigger_id === null ? null : Number(row.trigger_id),
    current_step: finished.length,
    total_steps: steps.length,
    progress_percentage: steps.length === 0 ? 0 : Math.round((steps.filter((step) => FINISHED.includes(step.status)).length / steps.length) * 100),
    success_rate: finished.length === 0 ? 0 : completed / finished.length,
    created_by: row.created_by,
    created_at: row.created_at.toISOString(),
    started_at: row.started_at?.toISOString() ?? null,
    completed_at: row.completed_at?.toISOString() ?? null,
    steps: steps.map((step) => ({
      step_index: step.step_index,
      action_type: step.action_type,
      parameters: step.parameters as Record<string, unknown>,
      status: step.status as z.infer<typeof ZWorkflowStep>['status'],
      attempts: step.attempts,
      max_retries: step.max_retries,
      timeout_seconds: step.timeout_seconds,
      continue_on_failure: step.continue_on_failure,
      response_action_id: step.response_action_id === null ? null : Number(step.response_action_id),
      detail: step.detail,
      started_at: step.started_at?.toISOString() ?? null,
      finished_at: step.finished_at?.toISOString() ?? null,
    })),
    rollback_plan: rollbackPlan(steps),
    ...(log
      ? {
          log: log.map((entry) => ({
            step_index: entry.step_index,
            event: entry.event,
            detail: entry.detail,
            actor_id: entry.actor_id,
            actor_type: entry.actor_type,
            at: entry.at.toISOString(),
          })),
        }
      : {}),
  };
}
