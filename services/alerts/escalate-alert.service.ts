import type { OrgServiceContext } from '../../core/context.ts';
import { insertAlertEscalation } from '../../db/repos/alert-escalations.repo.ts';
import { lockAlert, updateAlert } from '../../db/repos/alerts.repo.ts';
import { loadUserIds, type UserRef } from '../identity/index.ts';
import { assertAssignable, findAlertAssignee } from './alert-assignee.ts';
import { recordAlertChange } from './alert-change.ts';
import { type AlertEscalationDto, toEscalationDto } from './alert-detail.dto.ts';
import { alertNotFound } from './alert-errors.ts';

/**
 * Unlike EventSec, escalating hands the alert over: it is reassigned to `escalatedTo` (an active user
 * of the organisation who may work alerts) and the escalation is recorded with its reason.
 */
export function escalateOrgAlert(ctx: OrgServiceContext, alertId: number, input: { escalatedTo: UserRef; reason: string | null }): Promise<AlertEscalationDto> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const existing = await lockAlert(trx, ctx.orgId, alertId);
    if (!existing) throw alertNotFound(alertId);
    const target = await findAlertAssignee(trx, ctx.orgId, input.escalatedTo, 'escalated_to');
    assertAssignable(target, 'escalated_to');
    const escalation = await insertAlertEscalation(trx, ctx.orgId, {
      alert_id: alertId,
      escalated_to: target.id,
      escalated_by: ctx.principal.actorId,
      escalated_by_type: ctx.principal.actorType,
      reason: input.reason,
    });
    if (existing.assigned_to !== target.id) await updateAlert(trx, ctx.orgId, alertId, { assigned_to: target.id });
    await recordAlertChange(trx, ctx, alertId, {
      kind: 'escalated',
      auditAction: 'alert.escalated',
      changes: existing.assigned_to !== target.id ? { assigned_to: { from: existing.assigned_to, to: target.id } } : {},
      detail: { escalation_id: Number(escalation.id), reason: input.reason },
    });
    return toEscalationDto(escalation, await loadUserIds(trx, ctx.orgId, [escalation.escalated_to, escalation.escalated_by]));
  });
}
