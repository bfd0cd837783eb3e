import type { OrgServiceContext } from '../../core/context.ts';
import type { Executor } from '../../core/database.ts';
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

export type AlertActionTarget = {
  target: string;
  /** The input parameter the target is named by (in errors about it), whether it came from the request or the alert. */
  param: (typeof ALERT_ACTIONS)[AlertActionName]['param'];
};

/**
 * The alert's side of an alert action, on the caller's transaction: locks the alert (404 for an unknown
 * alert or another organisation's), takes the target from the request or else the alert's own field (400
 * when neither names one), and journals the request in the alert's history and the audit log. Carrying it
 * out belongs to the response domain, which records its action on the same transaction.
 */
export async function requestAlertActionTarget(
  trx: Executor,
  ctx: OrgServiceContext,
  alertId: number,
  action: AlertActionName,
  requestedTarget: string | undefined,
): Promise<AlertActionTarget> {
  const { param, field } = ALERT_ACTIONS[action];
  const alert = await lockAlert(trx, ctx.orgId, alertId);
  if (!alert) throw alertNotFound(alertId);
  const target = requestedTarget ?? alert[field] ?? undefined;
  if (!target) throw invalidField(param, `is required: the alert has no ${field} to act on`);
  await recordAlertChange(trx, ctx, alertId, {
    kind: 'action_requested',
    auditAction: 'alert.action_requested',
    detail: { action, target },
  });
  return { target, param };
}
