import { z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import { type AlertActionRow, findPendingAlertAction, insertAlertAction } from '../../db/repos/alert-actions.repo.ts';
import { lockAlert } from '../../db/repos/alerts.repo.ts';
import { recordAlertChange } from './alert-change.ts';
import { alertNotFound, invalidField } from './alert-errors.ts';

/** Each alert action, the parameter naming its target, and the alert field used when the parameter is absent. */
export const ALERT_ACTIONS = {
  block_url: { param: 'url', field: 'url' },
  unblock_url: { param: 'url', field: 'url' },
  block_sender: { param: 'sender', field: 'sender' },
  unblock_sender: { param: 'sender', field: 'sender' },
  revoke_session: { param: 'username', field: 'username' },
  isolate_device: { param: 'hostname', field: 'hostname' },
} as const;
export type AlertActionName = keyof typeof ALERT_ACTIONS;

export const ZAlertActionResult = z.object({
  detail: z.string(),
  action_id: z.number().int(),
  alert_id: z.number().int(),
  action: z.string(),
  target: z.string(),
  status: z.literal('requested').describe('Recorded, not executed: no response connector runs alert actions yet'),
});
export type AlertActionResult = z.infer<typeof ZAlertActionResult>;

/**
 * Records an alert action as `requested`. Nothing executes it yet (the response connectors come with
 * the response issue), and the answer says so. A repeat while the same request is still pending
 * returns that request instead of queuing a second one.
 */
export async function requestAlertAction(
  ctx: OrgServiceContext,
  alertId: number,
  action: AlertActionName,
  requestedTarget: string | undefined,
): Promise<AlertActionResult> {
  const { action: recorded, repeated } = await recordActionRequest(ctx, alertId, action, requestedTarget);
  return {
    detail: `${repeated ? 'Already recorded' : 'Recorded'}; no response connector executes ${action} yet`,
    action_id: Number(recorded.id),
    alert_id: alertId,
    action,
    target: recorded.target,
    status: 'requested',
  };
}

function recordActionRequest(
  ctx: OrgServiceContext,
  alertId: number,
  action: AlertActionName,
  requestedTarget: string | undefined,
): Promise<{ action: AlertActionRow; repeated: boolean }> {
  const { param, field } = ALERT_ACTIONS[action];
  return ctx.deps.db.transaction().execute(async (trx) => {
    const alert = await lockAlert(trx, ctx.orgId, alertId);
    if (!alert) throw alertNotFound(alertId);
    const target = requestedTarget ?? alert[field] ?? undefined;
    if (!target) throw invalidField(param, `is required: the alert has no ${field} to act on`);
    const pending = await findPendingAlertAction(trx, ctx.orgId, alertId, action, target);
    if (pending) return { action: pending, repeated: true };
    const recorded = await insertAlertAction(trx, ctx.orgId, {
      alert_id: alertId,
      action,
      target,
      requested_by: ctx.principal.actorId,
      requested_by_type: ctx.principal.actorType,
    });
    await recordAlertChange(trx, ctx, alertId, {
      kind: 'action_requested',
      auditAction: 'alert.action_requested',
      detail: { action_id: Number(recorded.id), action, target, status: recorded.status },
    });
    return { action: recorded, repeated: false };
  });
}
