import type { OrgServiceContext } from '../../core/context.ts';
import type { Executor } from '../../core/database.ts';
import { insertAlertHistory } from '../../db/repos/alert-history.repo.ts';
import { actorOf, recordAudit } from '../identity/index.ts';

export type AlertChange = {
  kind: 'created' | 'occurrence' | 'updated' | 'escalated' | 'action_requested';
  auditAction: string;
  changes?: Record<string, { from: unknown; to: unknown }>;
  detail?: Record<string, unknown>;
};

/**
 * Every change to an alert is written twice, in the caller's transaction: to the alert's own history
 * (shown with the alert, gone when the alert is deleted) and to the organisation's audit log (kept).
 */
export async function recordAlertChange(trx: Executor, ctx: OrgServiceContext, alertId: number, change: AlertChange): Promise<void> {
  await insertAlertHistory(trx, ctx.orgId, alertId, {
    actorType: ctx.principal.actorType,
    actorId: ctx.principal.actorId,
    kind: change.kind,
    ...(change.changes ? { changes: change.changes } : {}),
    ...(change.detail ? { detail: change.detail } : {}),
  });
  await recordAudit(trx, ctx, {
    orgId: ctx.orgId,
    action: change.auditAction,
    actor: actorOf(ctx),
    target: { type: 'alert', id: String(alertId) },
    details: { ...change.detail, ...(change.changes ? { changes: change.changes } : {}) },
  });
}
