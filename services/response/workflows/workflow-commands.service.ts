import type { OrgServiceContext } from '../../../core/context.ts';
import type { Executor } from '../../../core/database.ts';
import { AppError } from '../../../core/errors.ts';
import { roleCan } from '../../../core/permissions.ts';
import {
  appendWorkflowLog,
  findWorkflow,
  listWorkflowLog,
  listWorkflowSteps,
  listWorkflows,
  lockWorkflow,
  updateWorkflow,
  type WorkflowFilter,
  type WorkflowRow,
} from '../../../db/repos/response-workflows.repo.ts';
import { incidentTarget } from '../../cases/index.ts';
import { callerActor } from '../actor.ts';
import { revertAction } from '../revert-action.service.ts';
import { enqueueStep, type NewWorkflow, recordWorkflow } from './record-workflow.service.ts';
import { rollbackPlan, toWorkflowDto, type WorkflowDto } from './workflow.dto.ts';

export type WorkflowRef = number | string;

function workflowNotFound(ref: WorkflowRef): AppError {
  return new AppError('NOT_FOUND', `Workflow ${ref} not found`);
}

async function dto(ctx: OrgServiceContext, row: WorkflowRow, withLog = false): Promise<WorkflowDto> {
  const steps = await listWorkflowSteps(ctx.deps.db, ctx.orgId, [row.id]);
  return toWorkflowDto(row, steps, withLog ? await listWorkflowLog(ctx.deps.db, ctx.orgId, row.id) : undefined);
}

export async function getWorkflow(ctx: OrgServiceContext, ref: WorkflowRef): Promise<WorkflowDto> {
  const row = await findWorkflow(ctx.deps.db, ctx.orgId, ref);
  if (!row) throw workflowNotFound(ref);
  return dto(ctx, row, true);
}

export async function listOrgWorkflows(ctx: OrgServiceContext, filter: WorkflowFilter, limit: number): Promise<WorkflowDto[]> {
  const rows = await listWorkflows(ctx.deps.db, ctx.orgId, filter, limit);
  const steps = await listWorkflowSteps(
    ctx.deps.db,
    ctx.orgId,
    rows.map((row) => row.id),
  );
  return rows.map((row) =>
    toWorkflowDto(
      row,
      steps.filter((step) => step.workflow_id === row.id),
    ),
  );
}

/** POST /api/response/workflows/create: the incident must be the caller's; auto-execution needs response:execute. */
export async function createWorkflow(ctx: OrgServiceContext, input: Omit<NewWorkflow, 'source'> & { source?: NewWorkflow['source'] }): Promise<WorkflowDto> {
  if (input.incidentId !== null && !(await incidentTarget(ctx.deps.db, ctx.orgId, input.incidentId)))
    throw new AppError('NOT_FOUND', `Incident ${input.incidentId} not found`);
  const actor = { ...callerActor(ctx), mayExecute: roleCan(ctx.principal.role, 'response:execute') };
  const row = await ctx.deps.db.transaction().execute((trx) => recordWorkflow(trx, ctx.deps, ctx.orgId, actor, { ...input, source: input.source ?? 'manual' }));
  return dto(ctx, row);
}

async function transition(ctx: OrgServiceContext, ref: WorkflowRef, apply: (row: WorkflowRow, trx: Executor) => Promise<void>): Promise<WorkflowDto> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const row = await lockWorkflow(trx, ctx.orgId, ref);
    if (!row) throw workflowNotFound(ref);
    await apply(row, trx);
  });
  return getWorkflow(ctx, ref);
}

function conflict(row: WorkflowRow, wanted: string): AppError {
  return new AppError('CONFLICT', `Workflow ${row.workflow_id} is ${row.status}: it cannot ${wanted}`);
}

/** Starts a pending workflow: its first step is queued; each step then runs as its own job. */
export function executeWorkflow(ctx: OrgServiceContext, ref: WorkflowRef): Promise<WorkflowDto> {
  return transition(ctx, ref, async (row, trx) => {
    if (row.status === 'awaiting_approval') throw new AppError('CONFLICT', `Workflow ${row.workflow_id} needs a soc_lead's approval first (POST …/approve)`);
    if (row.status !== 'pending') throw conflict(row, 'be executed');
    await start(trx, ctx, row, 'executed');
  });
}

async function start(trx: Executor, ctx: OrgServiceContext, row: WorkflowRow, how: string): Promise<void> {
  const actor = callerActor(ctx);
  await updateWorkflow(trx, ctx.orgId, row.id, { status: 'running', started_at: new Date() });
  await appendWorkflowLog(trx, ctx.orgId, { workflow_id: row.id, step_index: null, event: 'started', detail: how, actor_id: actor.id, actor_type: actor.type });
  await enqueueStep(trx, ctx.orgId, row, 0);
}

/** A soc_lead's decision on a workflow awaiting approval; the approver is the caller, never a name in the body. */
export function decideWorkflow(ctx: OrgServiceContext, ref: WorkflowRef, approve: boolean, reason: string | undefined): Promise<WorkflowDto> {
  return transition(ctx, ref, async (row, trx) => {
    if (row.status !== 'awaiting_approval') throw conflict(row, approve ? 'be approved' : 'be rejected');
    const actor = callerActor(ctx);
    await updateWorkflow(trx, ctx.orgId, row.id, {
      decided_by: ctx.principal.actorId,
      decided_at: new Date(),
      decision_reason: reason ?? null,
      ...(approve ? {} : { status: 'rejected', completed_at: new Date() }),
    });
    await appendWorkflowLog(trx, ctx.orgId, {
      workflow_id: row.id,
      step_index: null,
      event: approve ? 'approved' : 'rejected',
      detail: reason ?? null,
      actor_id: actor.id,
      actor_type: actor.type,
    });
    if (approve) await start(trx, ctx, row, 'approved');
  });
}

/** Stops a workflow: at once when it has not started; between steps when it is running. */
export function cancelWorkflow(ctx: OrgServiceContext, ref: WorkflowRef): Promise<WorkflowDto> {
  return transition(ctx, ref, async (row, trx) => {
    const actor = callerActor(ctx);
    if (row.status === 'running') {
      await updateWorkflow(trx, ctx.orgId, row.id, { cancel_requested: true });
      await appendWorkflowLog(trx, ctx.orgId, {
        workflow_id: row.id,
        step_index: null,
        event: 'cancel_requested',
        detail: 'stops before the next step',
        actor_id: actor.id,
        actor_type: actor.type,
      });
      return;
    }
    if (row.status !== 'pending' && row.status !== 'awaiting_approval') throw conflict(row, 'be cancelled');
    await updateWorkflow(trx, ctx.orgId, row.id, { status: 'cancelled', cancel_requested: true, completed_at: new Date() });
    await appendWorkflowLog(trx, ctx.orgId, {
      workflow_id: row.id,
      step_index: null,
      event: 'cancelled',
      detail: 'before it started',
      actor_id: actor.id,
      actor_type: actor.type,
    });
  });
}

/** Runs the rollback plan: the inverse of every completed step that has one, newest first. */
export async function rollbackWorkflow(ctx: OrgServiceContext, ref: WorkflowRef): Promise<WorkflowDto> {
  const row = await findWorkflow(ctx.deps.db, ctx.orgId, ref);
  if (!row) throw workflowNotFound(ref);
  if (row.status === 'running') throw conflict(row, 'be rolled back while running (cancel it first)');
  const plan = rollbackPlan(await listWorkflowSteps(ctx.deps.db, ctx.orgId, [row.id]));
  const actor = callerActor(ctx);
  for (const item of plan) {
    const outcome = await revertAction(ctx.deps, ctx.orgId, actor, item.action_id).then(
      (inverse) => `${item.inverse} #${inverse.id} ${inverse.status}`,
      (error: unknown) => `${item.inverse} not run: ${error instanceof Error ? error.message : String(error)}`,
    );
    await appendWorkflowLog(ctx.deps.db, ctx.orgId, {
      workflow_id: row.id,
      step_index: item.step_index,
      event: 'rolled_back',
      detail: outcome,
      actor_id: actor.id,
      actor_type: actor.type,
    });
  }
  return getWorkflow(ctx, ref);
}
