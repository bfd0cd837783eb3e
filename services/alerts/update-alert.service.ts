import type { OrgServiceContext } from '../../core/context.ts';
import { type AlertPatch, type AlertRow, lockAlert, updateAlert } from '../../db/repos/alerts.repo.ts';
import { loadUserIds, type UserRef } from '../identity/index.ts';
import { type ALERT_STATUSES, type AlertDto, toAlertDto } from './alert.dto.ts';
import { assertAssignable, findAlertAssignee } from './alert-assignee.ts';
import { recordAlertChange } from './alert-change.ts';
import { alertNotFound, invalidField } from './alert-errors.ts';

export type AlertUpdate = {
  status?: (typeof ALERT_STATUSES)[number] | undefined;
  /** A user id (integer) or UUID; null unassigns. */
  assigned_to?: UserRef | null | undefined;
  conclusion?: string | null | undefined;
};

type Changes = Record<string, { from: unknown; to: unknown }>;

function changesOf(existing: AlertRow, update: Omit<AlertUpdate, 'assigned_to'> & { assigned_to?: string | null | undefined }): Changes {
  const changes: Changes = {};
  for (const field of ['status', 'assigned_to', 'conclusion'] as const) {
    const to = update[field];
    if (to !== undefined && to !== existing[field]) changes[field] = { from: existing[field], to };
  }
  return changes;
}

/**
 * PATCH /alerts/{id}: any member with alerts:write may triage any alert of the organisation. Every
 * status, assignment and conclusion change is kept in the alert's history and the audit log; a
 * request that changes nothing writes nothing.
 */
export function updateOrgAlert(ctx: OrgServiceContext, alertId: number, update: AlertUpdate): Promise<AlertDto> {
  if (update.status === undefined && update.assigned_to === undefined && update.conclusion === undefined) {
    throw invalidField('(body)', 'must contain at least one of status, assigned_to, conclusion');
  }
  return ctx.deps.db.transaction().execute(async (trx) => {
    const existing = await lockAlert(trx, ctx.orgId, alertId);
    if (!existing) throw alertNotFound(alertId);
    const assignee = update.assigned_to == null ? update.assigned_to : await findAlertAssignee(trx, ctx.orgId, update.assigned_to, 'assigned_to');
    const changes = changesOf(existing, { ...update, assigned_to: assignee == null ? assignee : assignee.id });
    if (Object.keys(changes).length === 0) return toAlertDto(existing, await loadUserIds(trx, ctx.orgId, [existing.assigned_to]));
    if (assignee && changes.assigned_to) assertAssignable(assignee, 'assigned_to');
    const patch = Object.fromEntries(Object.entries(changes).map(([field, change]) => [field, change.to])) as AlertPatch;
    const updated = await updateAlert(trx, ctx.orgId, alertId, patch);
    if (!updated) throw alertNotFound(alertId);
    await recordAlertChange(trx, ctx, alertId, { kind: 'updated', auditAction: 'alert.updated', changes });
    return toAlertDto(updated, await loadUserIds(trx, ctx.orgId, [updated.assigned_to]));
  });
}
