import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { ResponseWorkflows, WorkflowRunLog, WorkflowSteps } from '../schema.generated.ts';

export type WorkflowRow = Selectable<ResponseWorkflows>;
export type NewWorkflowRow = Omit<Insertable<ResponseWorkflows>, 'id' | 'org_id' | 'created_at' | 'updated_at'>;
export type WorkflowChange = Omit<Updateable<ResponseWorkflows>, 'id' | 'org_id' | 'workflow_id' | 'created_at' | 'updated_at'>;
export type WorkflowStepRow = Selectable<WorkflowSteps>;
export type NewWorkflowStep = Omit<Insertable<WorkflowSteps>, 'id' | 'org_id' | 'workflow_id'>;
export type WorkflowStepChange = Omit<Updateable<WorkflowSteps>, 'id' | 'org_id' | 'workflow_id' | 'step_index'>;
export type WorkflowLogRow = Selectable<WorkflowRunLog>;

export function insertWorkflow(db: Executor, orgId: OrgId, values: NewWorkflowRow): Promise<WorkflowRow> {
  return db
    .insertInto('response_workflows')
    .values({ ...values, org_id: orgId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertWorkflowSteps(db: Executor, orgId: OrgId, workflowId: number, steps: readonly NewWorkflowStep[]): Promise<void> {
  if (steps.length === 0) return;
  await db
    .insertInto('workflow_steps')
    .values(steps.map((step) => ({ ...step, org_id: orgId, workflow_id: workflowId })))
    .execute();
}

/** By integer id, or by Mini-XDR's `wf_…` string. */
function byRef(db: Executor, orgId: OrgId, ref: number | string) {
  const query = db.selectFrom('response_workflows').selectAll().where('org_id', '=', orgId);
  return typeof ref === 'number' ? query.where('id', '=', ref) : query.where('workflow_id', '=', ref);
}

export function findWorkflow(db: Executor, orgId: OrgId, ref: number | string): Promise<WorkflowRow | undefined> {
  return byRef(db, orgId, ref).executeTakeFirst();
}

export function lockWorkflow(db: Executor, orgId: OrgId, ref: number | string): Promise<WorkflowRow | undefined> {
  return byRef(db, orgId, ref).forUpdate().executeTakeFirst();
}

export function updateWorkflow(db: Executor, orgId: OrgId, id: number, change: WorkflowChange): Promise<WorkflowRow> {
  return db
    .updateTable('response_workflows')
    .set({ ...change, updated_at: sql`now()` })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type WorkflowFilter = { incidentId?: number | undefined; status?: string | undefined };

export function listWorkflows(db: Executor, orgId: OrgId, filter: WorkflowFilter, limit: number): Promise<WorkflowRow[]> {
  let query = db.selectFrom('response_workflows').selectAll().where('org_id', '=', orgId);
  if (filter.incidentId !== undefined) query = query.where('incident_id', '=', filter.incidentId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  return query.orderBy('id', 'desc').limit(limit).execute();
}

export function listWorkflowSteps(db: Executor, orgId: OrgId, workflowIds: readonly number[]): Promise<WorkflowStepRow[]> {
  if (workflowIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('workflow_steps')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('workflow_id', 'in', [...workflowIds])
    .orderBy('workflow_id')
    .orderBy('step_index')
    .execute();
}

export function lockWorkflowStep(db: Executor, orgId: OrgId, workflowId: number, stepIndex: number): Promise<WorkflowStepRow | undefined> {
  return db
    .selectFrom('workflow_steps')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('workflow_id', '=', workflowId)
    .where('step_index', '=', stepIndex)
    .forUpdate()
    .executeTakeFirst();
}

export function updateWorkflowStep(db: Executor, orgId: OrgId, workflowId: number, stepIndex: number, change: WorkflowStepChange): Promise<WorkflowStepRow> {
  return db
    .updateTable('workflow_steps')
    .set(change)
    .where('org_id', '=', orgId)
    .where('workflow_id', '=', workflowId)
    .where('step_index', '=', stepIndex)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function appendWorkflowLog(
  db: Executor,
  orgId: OrgId,
  entry: { workflow_id: number; step_index: number | null; event: string; detail: string | null; actor_id: string | null; actor_type: string },
): Promise<void> {
  await db
    .insertInto('workflow_run_log')
    .values({ ...entry, org_id: orgId })
    .execute();
}

export function listWorkflowLog(db: Executor, orgId: OrgId, workflowId: number): Promise<WorkflowLogRow[]> {
  return db.selectFrom('workflow_run_log').selectAll().where('org_id', '=', orgId).where('workflow_id', '=', workflowId).orderBy('id').execute();
}

/** Steps a finished workflow never reached. */
export async function markPendingSteps(db: Executor, orgId: OrgId, workflowId: number, status: 'skipped' | 'cancelled'): Promise<void> {
  await db
    .updateTable('workflow_steps')
    .set({ status })
    .where('org_id', '=', orgId)
    .where('workflow_id', '=', workflowId)
    .where('status', '=', 'pending')
    .execute();
}

export async function countWorkflowSteps(db: Executor, orgId: OrgId, workflowId: number): Promise<number> {
  const row = await db
    .selectFrom('workflow_steps')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('org_id', '=', orgId)
    .where('workflow_id', '=', workflowId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
