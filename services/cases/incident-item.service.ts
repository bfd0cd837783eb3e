import type { OrgServiceContext } from '../../core/context.ts';
import { addIncidentItem, findIncidentItem } from '../../db/repos/incident-items.repo.ts';
import { lockIncident, updateIncident } from '../../db/repos/incidents.repo.ts';
import { type IncidentItemDto, toIncidentItemDto } from './incident.dto.ts';
import { assertItemReference, type ItemInput } from './incident-items.ts';
import { auditIncident, journal } from './incident-journal.ts';
import { incidentNotFound } from './incidents-read.service.ts';

/**
 * POST /incidents/{id}/items: attaches an alert, event or free reference, journalled and audited. Attaching
 * the same reference again returns the existing item (`created: false`); the incident's row lock orders racing calls.
 */
export async function attachIncidentItem(ctx: OrgServiceContext, incidentId: number, item: ItemInput): Promise<{ item: IncidentItemDto; created: boolean }> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    if (!(await lockIncident(trx, ctx.orgId, incidentId))) throw incidentNotFound(incidentId);
    await assertItemReference(trx, ctx.orgId, item);
    const existing = await findIncidentItem(trx, ctx.orgId, incidentId, item);
    if (existing) return { item: toIncidentItemDto(existing), created: false };
    const row = await addIncidentItem(trx, ctx.orgId, incidentId, item);
    await journal(trx, ctx, incidentId, 'item_added', { kind: item.kind, ref_id: item.refId, item_id: Number(row.id) });
    await auditIncident(trx, ctx, incidentId, 'incident.item_added', { kind: item.kind, ref_id: item.refId });
    await updateIncident(trx, ctx.orgId, incidentId, {});
    return { item: toIncidentItemDto(row), created: true };
  });
}
