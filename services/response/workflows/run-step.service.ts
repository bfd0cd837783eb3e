import type { ServiceDeps } from '../../../core/context.ts';
import type { OrgId } from '../../../core/database.ts';
import { findResponseAction, type ResponseActionRow } from '../../../db/repos/response-actions.repo.ts';
import {
  appendWorkflowLog,
  findWorkflow,
  listWorkflowSteps,
  lockWorkflowStep,
  updateWorkflowStep,
  type WorkflowRow,
  type WorkflowStepRow,
} from '../../../db/repos/response-workflows.repo.ts';
import { incidentTarget } from '../../cases/index.ts';
import { SYSTEM_ACTOR } from '../actor.ts';
import { actionDefinition } from '../catalogue.ts';
import { executeAction } from '../request-action.service.ts';
import { finishWorkflow, moveOn } from './workflow-progress.ts';
import { stepDuration, stepTarget } from './workflow-steps.ts';

const IN_FLIGHT = ['requested', 'dispatched', 'acknowledged', 'awaiting_approval'];
const POLL_MS = 2000;

type StepOutcome = { state: 'completed' | 'failed' | 'unsupported' | 'waiting'; detail: string; actionId: number | null };

async function targetFor(deps: ServiceDeps, orgId: OrgId, workflow: WorkflowRow, step: WorkflowStepRow): Promise<string | undefined> {
  const definition = actionDefinition(step.action_type);
  if (!definition) return undefined;
  const named = stepTarget(definition, step.parameters as Record<string, unknown>);
  if (named || workflow.incident_id === null) return named;
  const incident = await incidentTarget(deps.db, orgId, workflow.incident_id);
  if (!incident) return undefined;
  if (definition.target === 'ip') return incident.src_ip ?? undefined;
  return incident.entity_type === ({ host: 'host', user: 'user' } as Record<string, string>)[definition.target]
    ? (incident.entity_value ?? undefined)
    : undefined;
}

function outcomeOf(action: ResponseActionRow): StepOutcome {
  if (action.status === 'completed') return { state: 'completed', detail: action.status_detail ?? 'completed', actionId: action.id };
  if (IN_FLIGHT.includes(action.status)) return { state: 'waiting', detail: action.status_detail ?? action.status, actionId: action.id };
  return { state: action.status === 'unsupported' ? 'unsupported' : 'failed', detail: `${action.status}: ${action.status_detail ?? ''}`, actionId: action.id };
}

function withTimeout<T>(work: Promise<T>, seconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Carries out the step's action now (bounded by the step's timeout); an answer that comes later is waited for by polling. */
async function attempt(deps: ServiceDeps, orgId: OrgId, workflow: WorkflowRow, step: WorkflowStepRow): Promise<StepOutcome> {
  const target = await targetFor(deps, orgId, workflow, step);
  if (!target)
    return { state: 'failed', detail: `no target: set parameters for ${step.action_type} or give the workflow an incident that names one`, actionId: null };
  const parameters = step.parameters as Record<string, unknown>;
  try {
    const action = await withTimeout(
      executeAction(deps, orgId, SYSTEM_ACTOR, {
        type: step.action_type,
        target,
        targetField: `steps.${step.step_index}.parameters`,
        incidentId: workflow.incident_id,
        durationSeconds: stepDuration(parameters),
        dryRun: workflow.dry_run,
        source: 'workflow',
        params: { workflow_id: workflow.workflow_id, step_index: step.step_index },
        preApproved: true,
      }),
      step.timeout_seconds,
    );
    return outcomeOf(action);
  } catch (error) {
    return { state: 'failed', detail: error instanceof Error ? error.message.slice(0, 500) : String(error), actionId: null };
  }
}

async function waitedOutcome(deps: ServiceDeps, orgId: OrgId, step: WorkflowStepRow): Promise<StepOutcome> {
  const action = step.response_action_id === null ? undefined : await findResponseAction(deps.db, orgId, step.response_action_id);
  if (!action) return { state: 'failed', detail: 'its response action is gone', actionId: null };
  const outcome = outcomeOf(action);
  const elapsed = Date.now() - (step.started_at?.getTime() ?? Date.now());
  if (outcome.state === 'waiting' && elapsed > step.timeout_seconds * 1000)
    return { ...outcome, state: 'failed', detail: `timed out after ${step.timeout_seconds} s waiting for ${action.adapter ?? 'the enforcement point'}` };
  return outcome;
}

/**
 * One step of a running workflow, as a graphile-worker job: cancellation is honoured before the step
 * starts; a finished step is never run again; a failure is retried with exponential backoff up to
 * max_retries, then either continues (continue_on_failure) or fails the workflow.
 */
export async function runWorkflowStep(deps: ServiceDeps, orgId: OrgId, workflowId: number, stepIndex: number): Promise<void> {
  const workflow = await findWorkflow(deps.db, orgId, workflowId);
  if (workflow?.status !== 'running') return;
  if (workflow.cancel_requested) {
    await deps.db.transaction().execute((trx) => finishWorkflow(trx, orgId, workflow, 'cancelled', `cancelled before step ${stepIndex}`));
    return;
  }
  const [step] = (await listWorkflowSteps(deps.db, orgId, [workflowId])).filter((row) => row.step_index === stepIndex);
  if (!step || !['pending', 'running'].includes(step.status)) return;
  const waiting = step.status === 'running' && step.response_action_id !== null;
  if (!waiting) {
    await deps.db.transaction().execute(async (trx) => {
      await updateWorkflowStep(trx, orgId, workflowId, stepIndex, {
        status: 'running',
        attempts: step.attempts + 1,
        started_at: new Date(),
        response_action_id: null,
      });
      await appendWorkflowLog(trx, orgId, {
        workflow_id: workflowId,
        step_index: stepIndex,
        event: 'step_started',
        detail: `${step.action_type}, attempt ${step.attempts + 1}`,
        actor_id: null,
        actor_type: 'system',
      });
    });
  }
  const outcome = waiting ? await waitedOutcome(deps, orgId, step) : await attempt(deps, orgId, workflow, step);
  await deps.db.transaction().execute(async (trx) => {
    const current = await lockWorkflowStep(trx, orgId, workflowId, stepIndex);
    if (current?.status !== 'running') return;
    await moveOn(trx, orgId, workflow, current, outcome, POLL_MS);
  });
}
