import { z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { listRecentTransitions, listTransitions } from '../../db/repos/response-action-transitions.repo.ts';
import { findResponseAction, insertResponseAction, listResponseActions, type ResponseActionRow } from '../../db/repos/response-actions.repo.ts';
import { loadUserIds } from '../identity/index.ts';
import { type ResponseActionDto, toResponseActionDto } from './action.dto.ts';
import { callerActor } from './actor.ts';
import { actionDefinition } from './catalogue.ts';
import { dispatchAction } from './dispatch-action.service.ts';
import { executeAction } from './request-action.service.ts';
import { revertAction } from './revert-action.service.ts';
import { type ActionStatus, moveAction, recordCreation } from './transitions.ts';

export type NewTrackedAction = {
  action_type: string;
  target: string;
  ttl_minutes?: number | undefined;
  status?: ActionStatus | undefined;
  details?: Record<string, unknown> | undefined;
  incident_id?: number | undefined;
  alert_id?: number | undefined;
  dry_run?: boolean | undefined;
};

function actionNotFound(actionId: number): AppError {
  return new AppError('NOT_FOUND', `Response action ${actionId} not found`);
}

/**
 * EventSec's POST /actions: a type Vigil executes is carried out for real (its status is the enforcement
 * point's to set, so a caller-sent status other than requested is refused); any other type is a manual
 * task tracked by hand, never executed, whose status people move.
 */
export async function createTrackedAction(ctx: OrgServiceContext, input: NewTrackedAction): Promise<ResponseActionDto> {
  const definition = actionDefinition(input.action_type);
  if (definition) {
    if (input.status && input.status !== 'requested') {
      throw new AppError('VALIDATION_FAILED', `status: ${input.action_type} is executed by Vigil; its status is set by the enforcement point`, {
        issues: [{ path: 'status', message: 'only requested' }],
      });
    }
    const row = await executeAction(ctx.deps, ctx.orgId, callerActor(ctx), {
      type: input.action_type,
      target: input.target,
      targetField: 'target',
      incidentId: input.incident_id ?? null,
      alertId: input.alert_id ?? null,
      durationSeconds: input.ttl_minutes ? Math.round(input.ttl_minutes * 60) : null,
      dryRun: input.dry_run ?? false,
      source: 'manual',
      params: input.details ?? {},
    });
    return getResponseAction(ctx, row.id);
  }
  const row = await ctx.deps.db.transaction().execute(async (trx) => {
    const inserted = await insertResponseAction(trx, ctx.orgId, {
      action_type: input.action_type,
      target_kind: 'none',
      target: input.target,
      incident_id: input.incident_id ?? null,
      alert_id: input.alert_id ?? null,
      params: JSON.stringify(input.details ?? {}),
      status: input.status ?? 'requested',
      status_detail: 'tracked by hand: Vigil does not execute this type',
      executable: false,
      duration_seconds: input.ttl_minutes ? Math.round(input.ttl_minutes * 60) : null,
      source: 'tracker',
      requested_by: ctx.principal.actorId,
      requested_by_type: ctx.principal.actorType,
    });
    await recordCreation(trx, ctx.orgId, inserted, callerActor(ctx));
    return inserted;
  });
  return getResponseAction(ctx, row.id);
}

export async function getResponseAction(ctx: OrgServiceContext, actionId: number): Promise<ResponseActionDto> {
  const row = await findResponseAction(ctx.deps.db, ctx.orgId, actionId);
  if (!row) throw actionNotFound(actionId);
  return toResponseActionDto(row, await listTransitions(ctx.deps.db, ctx.orgId, [row.id]));
}

export async function listOrgResponseActions(
  ctx: OrgServiceContext,
  filter: { incidentId?: number | undefined; alertId?: number | undefined },
  limit: number,
): Promise<ResponseActionDto[]> {
  return (await listResponseActions(ctx.deps.db, ctx.orgId, filter, limit)).map((row) => toResponseActionDto(row));
}

const EXECUTABLE_MOVES: Partial<Record<ActionStatus, readonly ActionStatus[]>> = {
  cancelled: ['requested', 'awaiting_approval'],
  requested: ['awaiting_approval'],
  rejected: ['awaiting_approval'],
};

async function moveExecutable(ctx: OrgServiceContext, action: ResponseActionRow, status: ActionStatus): Promise<void> {
  if (status === 'reverted') {
    await revertAction(ctx.deps, ctx.orgId, callerActor(ctx), action.id);
    return;
  }
  const from = EXECUTABLE_MOVES[status];
  if (!from)
    throw new AppError('CONFLICT', `${action.action_type} is executed by Vigil: only cancelled, requested (approve), rejected or reverted can be asked for`);
  const detail = status === 'requested' ? 'approved' : status;
  const moved = await ctx.deps.db
    .transaction()
    .execute((trx) => moveAction(trx, ctx.orgId, action.id, from, status, callerActor(ctx), detail, { decided_by: ctx.principal.actorId }));
  if (!moved) throw new AppError('CONFLICT', `Action ${action.id} is ${action.status}: it cannot become ${status}`);
  if (status === 'requested') await dispatchAction(ctx.deps, ctx.orgId, action.id);
}

/** PATCH /actions/{id}: executed actions move only along their lifecycle; tracked tasks as people say. */
export async function updateTrackedAction(
  ctx: OrgServiceContext,
  actionId: number,
  change: { status?: ActionStatus | undefined; details?: Record<string, unknown> | undefined },
): Promise<ResponseActionDto> {
  const action = await findResponseAction(ctx.deps.db, ctx.orgId, actionId);
  if (!action) throw actionNotFound(actionId);
  if (change.status && change.status !== action.status) {
    if (action.executable) await moveExecutable(ctx, action, change.status);
    else
      await ctx.deps.db
        .transaction()
        .execute((trx) =>
          moveAction(trx, ctx.orgId, action.id, [action.status as ActionStatus], change.status as ActionStatus, callerActor(ctx), 'set by hand'),
        );
  }
  if (change.details) {
    const params = { ...(action.params as Record<string, unknown>), ...change.details };
    await ctx.deps.db.transaction().execute((trx) =>
      moveAction(trx, ctx.orgId, action.id, [action.status as ActionStatus], action.status as ActionStatus, callerActor(ctx), 'details updated', {
        params: JSON.stringify(params),
      }).then(() => undefined),
    );
  }
  return getResponseAction(ctx, actionId);
}

export const ZActionLog = z.object({
  id: z.number().int(),
  user_id: z.number().int().nullable().describe("The acting user's integer id; null for an API key, an agent or Vigil itself (actor_type says which)"),
  actor_type: z.string(),
  action_type: z.string(),
  target_type: z.literal('response_action'),
  target_id: z.number().int(),
  parameters: z.object({ target: z.string(), from: z.string().nullable(), to: z.string(), detail: z.string().nullable() }),
  created_at: z.string(),
});

/** EventSec's action log: every transition of every response action, newest first. */
export async function listActionLogs(ctx: OrgServiceContext, limit: number): Promise<z.infer<typeof ZActionLog>[]> {
  const rows = await listRecentTransitions(ctx.deps.db, ctx.orgId, limit);
  const users = await loadUserIds(
    ctx.deps.db,
    ctx.orgId,
    rows.map((row) => (row.actor_type === 'user' ? row.actor_id : null)),
  );
  return rows.map((row) => ({
    id: Number(row.id),
    user_id: row.actor_type === 'user' ? users.of(row.actor_id) : null,
    actor_type: row.actor_type,
    action_type: row.action_type,
    target_type: 'response_action' as const,
    target_id: Number(row.action_id),
    parameters: { target: row.target, from: row.from_status, to: row.to_status, detail: row.detail },
    created_at: row.at.toISOString(),
  }));
}
