import { z } from 'zod';
import {
  cancelWorkflow,
  createWorkflow,
  decideWorkflow,
  executeWorkflow,
  getWorkflow,
  listOrgWorkflows,
  responseImpact,
  rollbackWorkflow,
  WORKFLOW_PRIORITIES,
  ZImpactMetrics,
  ZWorkflow,
  ZWorkflowStepInput,
} from '../../services/response/index.ts';
import { orgProcedure } from '../procedures.ts';

const ZIncidentRef = z.coerce
  .number({ error: 'must be a positive integer' })
  .int('must be a positive integer')
  .min(1, 'must be a positive integer')
  .max(Number.MAX_SAFE_INTEGER);
/** Mini-XDR's paths carry its `wf_…` id; its execute body the integer workflow_db_id: both are accepted everywhere. */
const ZWorkflowRef = z
  .string()
  .trim()
  .regex(/^(\d{1,15}|wf_[0-9a-z_]{1,40})$/, 'a workflow id (integer) or wf_… workflow_id')
  .transform((value) => (/^\d+$/.test(value) ? Number(value) : value))
  .describe('workflow_db_id or workflow_id');

const ZCreated = z.object({
  success: z.literal(true),
  workflow_id: z.string(),
  workflow_db_id: z.number().int(),
  status: ZWorkflow.shape.status,
  approval_required: z.boolean(),
  estimated_duration_minutes: z.number(),
  total_steps: z.number().int(),
  workflow: ZWorkflow,
});

function created(workflow: z.infer<typeof ZWorkflow>): z.infer<typeof ZCreated> {
  const seconds = workflow.steps.reduce((total, step) => total + Math.min(step.timeout_seconds, 60), 0);
  return {
    success: true,
    workflow_id: workflow.workflow_id,
    workflow_db_id: workflow.workflow_db_id,
    status: workflow.status,
    approval_required: workflow.approval_required,
    estimated_duration_minutes: Math.ceil(seconds / 60),
    total_steps: workflow.total_steps,
    workflow,
  };
}

export const createWorkflowProcedure = orgProcedure('incidents:write')
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/response/workflows/create',
      tags: ['response'],
      summary: 'Create a response workflow (playbook run) for an incident',
      description:
        'Body `{incident_id?, playbook_name, steps:[{action_type, parameters, timeout_seconds=300, continue_on_failure=false, max_retries|retry_count=3, safety_level?}], auto_execute=false, priority, dry_run?}`. Every step must be an action Vigil executes (400 naming the step otherwise). A disruptive step (safety high) makes the workflow await a soc_lead’s approval. auto_execute starts it at once when the caller may execute (soc_lead, admin) and no approval is needed; each step then runs as a durable job.',
    },
  })
  .input(
    z.object({
      incident_id: ZIncidentRef.optional(),
      playbook_name: z.string().trim().min(1).max(200),
      steps: z.array(ZWorkflowStepInput).min(1).max(50),
      auto_execute: z.boolean().default(false),
      priority: z.enum(WORKFLOW_PRIORITIES).default('medium'),
      dry_run: z.boolean().default(false),
    }),
  )
  .output(ZCreated)
  .mutation(async ({ ctx, input }) =>
    created(
      await createWorkflow(ctx.service, {
        incidentId: input.incident_id ?? null,
        playbookName: input.playbook_name,
        steps: input.steps,
        autoExecute: input.auto_execute,
        priority: input.priority,
        dryRun: input.dry_run,
      }),
    ),
  );

export const executeSingleActionProcedure = orgProcedure('response:execute')
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/response/actions/execute',
      tags: ['response'],
      summary: 'Execute one action as a one-step workflow (Mini-XDR Tactical Decision Center)',
      description:
        'Body `{action_type, parameters, incident_id}`; runs at once (priority high) unless the action needs approval. Poll GET /api/response/workflows/{id}/status.',
    },
  })
  .input(z.object({ action_type: ZWorkflowStepInput.shape.action_type, parameters: ZWorkflowStepInput.shape.parameters, incident_id: ZIncidentRef }))
  .output(ZCreated)
  .mutation(async ({ ctx, input }) =>
    created(
      await createWorkflow(ctx.service, {
        incidentId: input.incident_id,
        playbookName: `execute ${input.action_type}`,
        steps: [{ action_type: input.action_type, parameters: input.parameters }],
        autoExecute: true,
        priority: 'high',
        source: 'execute',
      }),
    ),
  );

export const executeWorkflowProcedure = orgProcedure('response:execute')
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/response/workflows/execute',
      tags: ['response'],
      summary: 'Start a pending workflow',
      description:
        'Body `{workflow_db_id}` (Mini-XDR’s executed_by is ignored: the executor is the caller). 409 while it awaits approval. Steps run as durable jobs; poll …/status.',
    },
  })
  .input(z.object({ workflow_db_id: z.union([ZIncidentRef, ZWorkflowRef]), executed_by: z.string().max(200).optional() }))
  .output(ZWorkflow)
  .mutation(({ ctx, input }) => executeWorkflow(ctx.service, input.workflow_db_id));

export const listWorkflowsProcedure = orgProcedure('incidents:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/response/workflows',
      tags: ['response'],
      summary: 'Workflows, newest first',
      description: '`?incident_id=`, `?status=`, `?limit=` (≤ 200, default 50).',
    },
  })
  .input(
    z.object({ incident_id: ZIncidentRef.optional(), status: ZWorkflow.shape.status.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
  )
  .output(z.object({ success: z.literal(true), workflows: z.array(ZWorkflow), total_count: z.number().int() }))
  .query(async ({ ctx, input }) => {
    const workflows = await listOrgWorkflows(ctx.service, { incidentId: input.incident_id, status: input.status }, input.limit);
    return { success: true as const, workflows, total_count: workflows.length };
  });

export const workflowStatusProcedure = orgProcedure('incidents:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/response/workflows/{workflow_id}/status',
      tags: ['response'],
      summary: 'A workflow’s progress, steps, rollback plan and run log',
    },
  })
  .input(z.object({ workflow_id: ZWorkflowRef }))
  .output(ZWorkflow)
  .query(({ ctx, input }) => getWorkflow(ctx.service, input.workflow_id));

export const workflowActionsProcedure = orgProcedure('incidents:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/response/workflows/{workflow_id}/actions',
      tags: ['response'],
      summary: 'The steps of a workflow and the response actions they ran',
    },
  })
  .input(z.object({ workflow_id: ZWorkflowRef }))
  .output(z.object({ success: z.literal(true), workflow_id: z.string(), actions: ZWorkflow.shape.steps, total_count: z.number().int() }))
  .query(async ({ ctx, input }) => {
    const workflow = await getWorkflow(ctx.service, input.workflow_id);
    return { success: true as const, workflow_id: workflow.workflow_id, actions: workflow.steps, total_count: workflow.steps.length };
  });

function command(path: string, summary: string, run: typeof cancelWorkflow) {
  return orgProcedure('response:execute')
    .meta({ openapi: { method: 'POST', path: `/api/response/workflows/{workflow_id}/${path}`, tags: ['response'], summary } })
    .input(z.object({ workflow_id: ZWorkflowRef, cancelled_by: z.string().max(200).optional() }))
    .output(ZWorkflow)
    .mutation(({ ctx, input }) => run(ctx.service, input.workflow_id));
}

export const cancelWorkflowProcedure = command('cancel', 'Cancel a workflow: at once if not started, between steps if running', cancelWorkflow);
export const rollbackWorkflowProcedure = command('rollback', 'Run the rollback plan: the inverse of each completed step, newest first', rollbackWorkflow);

export const approveWorkflowProcedure = orgProcedure('response:execute')
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/response/workflows/{workflow_id}/approve',
      tags: ['response'],
      summary: 'Approve a workflow awaiting approval (soc_lead, admin) and start it',
      description: 'The approver is the caller; a name in the body (Mini-XDR’s approved_by) is ignored.',
    },
  })
  .input(z.object({ workflow_id: ZWorkflowRef, approved_by: z.string().max(200).optional(), reason: z.string().max(2000).optional() }))
  .output(ZWorkflow)
  .mutation(({ ctx, input }) => decideWorkflow(ctx.service, input.workflow_id, true, input.reason));

export const rejectWorkflowProcedure = orgProcedure('response:execute')
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/response/workflows/{workflow_id}/reject',
      tags: ['response'],
      summary: 'Reject a workflow awaiting approval (soc_lead, admin)',
    },
  })
  .input(z.object({ workflow_id: ZWorkflowRef, rejected_by: z.string().max(200).optional(), rejection_reason: z.string().max(2000).optional() }))
  .output(ZWorkflow)
  .mutation(({ ctx, input }) => decideWorkflow(ctx.service, input.workflow_id, false, input.rejection_reason));

export const impactMetricsProcedure = orgProcedure('incidents:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/response/metrics/impact',
      tags: ['response'],
      summary: 'Response impact from real outcomes',
      description: '`?days_back=7` (1–365), `?incident_id=`, `?workflow_id=`.',
    },
  })
  .input(
    z.object({ days_back: z.coerce.number().int().min(1).max(365).default(7), incident_id: ZIncidentRef.optional(), workflow_id: ZWorkflowRef.optional() }),
  )
  .output(ZImpactMetrics)
  .query(({ ctx, input }) =>
    responseImpact(ctx.service, {
      daysBack: input.days_back,
      incidentId: input.incident_id,
      workflowRef: input.workflow_id === undefined ? undefined : String(input.workflow_id),
    }),
  );
