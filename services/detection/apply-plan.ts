import type { Executor, OrgId } from '../../core/database.ts';
import { insertAlertEventLinks } from '../../db/repos/alert-events.repo.ts';
import { insertAlertsReturningIds, updateAlertsExtended } from '../../db/repos/alerts.repo.ts';
import { insertTimelineRows } from '../../db/repos/incident-timeline.repo.ts';
import { insertIncidentsReturningIds } from '../../db/repos/incidents.repo.ts';
import type { AlertRef, DetectionPlan, IncidentRef, TimelinePlan } from './detection-plan.types.ts';
import { refreshIncidentRisks } from './incident-rollup.ts';

/** `createdIncidentIds` and `insertedAlertIds`: the rows this pass added (its webhook events). */
export type AppliedPlan = { incidentIds: number[]; created: number; createdIncidentIds: number[]; insertedAlertIds: number[] };

/**
 * Writes a plan in the caller's transaction, one set-based statement per kind of row (chunked), then
 * refreshes the roll-ups of the incidents it touched. Returns those incidents and how many it created.
 */
export async function applyDetectionPlan(trx: Executor, orgId: OrgId, plan: DetectionPlan): Promise<AppliedPlan> {
  const createdIds = expectIds('incidents', plan.incidentsToCreate.length, await insertIncidentsReturningIds(trx, orgId, plan.incidentsToCreate));
  const incidentId = (ref: IncidentRef) => (ref.kind === 'existing' ? ref.id : idAt('incident', createdIds, ref.index));
  const insertedIds = expectIds(
    'alerts',
    plan.alertsToInsert.length,
    await insertAlertsReturningIds(
      trx,
      orgId,
      plan.alertsToInsert.map((alert) => ({ ...alert.values, incident_id: incidentId(alert.incident) })),
    ),
  );
  const alertId = (ref: AlertRef) => (ref.kind === 'existing' ? ref.id : idAt('alert', insertedIds, ref.index));
  await updateAlertsExtended(
    trx,
    orgId,
    plan.alertsToExtend.map(({ incident, ...alert }) => ({ ...alert, incidentId: incidentId(incident) })),
  );
  await insertAlertEventLinks(
    trx,
    orgId,
    plan.eventLinks.map((link) => ({ alertId: alertId(link.alert), eventId: link.eventId, occurredAt: link.occurredAt })),
  );
  await insertTimelineRows(
    trx,
    orgId,
    plan.timeline.map((entry) => ({
      incidentId: incidentId(entry.incident),
      actorId: entry.actorId,
      kind: entry.kind,
      detail: timelineDetail(entry, alertId),
    })),
  );
  const incidentIds = plan.rollups.map(incidentId);
  await refreshIncidentRisks(trx, orgId, incidentIds);
  return { incidentIds, created: createdIds.length, createdIncidentIds: createdIds, insertedAlertIds: insertedIds };
}

function timelineDetail(entry: TimelinePlan, alertId: (ref: AlertRef) => number): Record<string, unknown> {
  return entry.kind === 'created' ? { category: entry.category } : { alert_id: alertId(entry.alert), title: entry.title };
}

function expectIds(table: string, expected: number, ids: number[]): number[] {
  if (ids.length !== expected) throw new Error(`detection plan: inserted ${expected} ${table} but got ${ids.length} ids back`);
  return ids;
}

function idAt(row: 'incident' | 'alert', ids: readonly number[], index: number): number {
  const id = ids[index];
  if (id === undefined) throw new Error(`detection plan: ${row} #${index} of the pass has no id (${ids.length} inserted)`);
  return id;
}
