import type { Executor, OrgId } from '../../core/database.ts';
import { countLinkedEventsByAlert, selectActiveIncidentsByKey, selectIncidentsByIds, selectOpenAlertsByFingerprint } from '../../db/queries/detection.ts';
import type { AlertRow } from '../../db/repos/alerts.repo.ts';
import { ACTIVE_INCIDENT_STATUSES, type IncidentRow } from '../../db/repos/incidents.repo.ts';
import type { Detection } from '../../engines/detection/index.ts';
import type { DetectionPlanInput, KnownIncident, OpenAlert } from './detection-plan.types.ts';
import { ALERT_MERGE_SECONDS, INCIDENT_REOPEN_SECONDS } from './detection-rows.ts';

/** Reads the alerts and incidents the detections may extend or join: four statements however many detections. */
export async function loadPlanInput(
  trx: Executor,
  orgId: OrgId,
  detections: readonly Detection[],
  eventTimes: ReadonlyMap<number, Date>,
): Promise<DetectionPlanInput> {
  if (detections.length === 0) return { detections, eventTimes, openAlerts: [], alertIncidents: [], recentIncidents: [] };
  const earliestStart = Math.min(...detections.map((d) => d.windowStart.getTime()));
  const alerts = await selectOpenAlertsByFingerprint(
    trx,
    orgId,
    [...new Set(detections.map((d) => d.fingerprintKey))],
    new Date(earliestStart - ALERT_MERGE_SECONDS * 1000),
  );
  const alertIncidentIds = [...new Set(alerts.flatMap((alert) => (alert.incident_id === null ? [] : [alert.incident_id])))];
  const alertIncidents = await selectIncidentsByIds(trx, orgId, alertIncidentIds);
  const earliestEnd = Math.min(...detections.map((d) => d.windowEnd.getTime()));
  const recentIncidents = await selectActiveIncidentsByKey(
    trx,
    orgId,
    detections.map((d) => ({ type: d.entity.type, value: d.entity.value, category: d.category })),
    new Date(earliestEnd - INCIDENT_REOPEN_SECONDS * 1000),
  );
  const linkedEvents = await countLinkedEventsByAlert(
    trx,
    orgId,
    alerts.map((alert) => alert.id),
  );
  return {
    detections,
    eventTimes,
    openAlerts: alerts.map((alert) => asOpenAlert(alert, linkedEvents.get(alert.id) ?? 0)),
    alertIncidents: alertIncidents.map(asKnownIncident),
    recentIncidents: recentIncidents.map(asKnownIncident),
  };
}

function asOpenAlert(alert: AlertRow, linkedEvents: number): OpenAlert {
  return {
    id: alert.id,
    fingerprint: alert.fingerprint,
    incidentId: alert.incident_id,
    occurrences: alert.occurrences,
    firstSeen: alert.first_seen_at,
    lastSeen: alert.last_seen_at,
    severity: alert.severity,
    linkedEvents,
  };
}

function asKnownIncident(incident: IncidentRow): KnownIncident {
  return {
    id: incident.id,
    active: (ACTIVE_INCIDENT_STATUSES as readonly string[]).includes(incident.status),
    entityType: incident.entity_type ?? '',
    entityValue: incident.entity_value ?? '',
    category: incident.threat_category ?? '',
    lastSeen: incident.last_seen_at ?? incident.created_at,
  };
}
