import type { OrgServiceContext } from '../../core/context.ts';
import { type AlertPatch, type AlertRow, lockAlert, updateAlert } from '../../db/repos/alerts.repo.ts';
import { type ALERT_STATUSES, type AlertDto, toAlertDto } from './alert.dto.ts';
import { assertAssignable } from './alert-assignee.ts';
import { recordAlertChange } from './alert-change.ts';
import { alertNotFound, invalidField } from './alert-errors.ts';

export type AlertUpdate = {
  status?: (typeof ALERT_STATUSES)[number] | undefined;
  assigned_to?: string | null | undefined;
  conclusion?: string | null | undefined;
};

type Changes = Record<string, { from: unknown; to: unknown }>;

function changesOf(existing: AlertRow, update: AlertUpdate): Changes {
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
    const changes = changesOf(existing, update);
    if (Object.keys(changes).length === 0) return toAlertDto(existing);
    if (typeof update.assigned_to === 'string' && changes.assigned_to) await assertAssignable(trx, ctx.orgId, update.assigned_to, 'assigned_to');
    const patch = Object.fromEntries(Object.entries(changes).map(([field, change]) => [field, change.to])) as AlertPatch;
    const updated = await updateAlert(trx, ctx.orgId, alertId, patch);
    if (!updated) throw alertNotFound(alertId);
    await recordAlertChange(trx, ctx, alertId, { kind: 'updated', auditAction: 'alert.updated', changes });
    return toAlertDto(updated);
  });
}
