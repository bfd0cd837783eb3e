import type { OrgServiceContext } from '../../core/context.ts';
import { deleteAlert, lockAlert } from '../../db/repos/alerts.repo.ts';
import { insertTimelineEntry } from '../../db/repos/incident-timeline.repo.ts';
import { refreshIncidentRisks } from '../detection/index.ts';
import { actorOf, recordAudit } from '../identity/index.ts';
import { alertNotFound } from './alert-errors.ts';

/**
 * A hard delete: the alert, its event links, history and escalations go; recorded actions stay (without
 * the alert). The audit log keeps what was deleted, and the alert's incident notes it in its timeline.
 */
export function deleteOrgAlert(ctx: OrgServiceContext, alertId: number): Promise<void> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const existing = await lockAlert(trx, ctx.orgId, alertId);
    if (!existing || !(await deleteAlert(trx, ctx.orgId, alertId))) throw alertNotFound(alertId);
    if (existing.incident_id !== null) {
      await insertTimelineEntry(trx, ctx.orgId, existing.incident_id, {
        actorType: ctx.principal.actorType,
        actorId: ctx.principal.actorId,
        kind: 'alert_deleted',
        detail: { alert_id: alertId, title: existing.title },
      });
      await refreshIncidentRisks(trx, ctx.orgId, [existing.incident_id]);
    }
    await recordAudit(trx, ctx, {
      orgId: ctx.orgId,
      action: 'alert.deleted',
      actor: actorOf(ctx),
      target: { type: 'alert', id: String(alertId) },
      details: {
        title: existing.title,
        fingerprint: existing.fingerprint,
        source: existing.source,
        severity: existing.severity,
        status: existing.status,
        occurrences: existing.occurrences,
        incident_id: existing.incident_id,
      },
    });
  });
}
