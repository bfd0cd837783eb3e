import type { Executor, OrgId } from '../../core/database.ts';
import type { AlertRow } from '../../db/repos/alerts.repo.ts';
import { countLinkedEventsByIncident, type IncidentRollup, selectAlertsOfIncidents, updateIncidentRollups } from '../../db/repos/detection-batch.repo.ts';
import { type DetectionSeverity, riskScore } from '../../engines/detection/index.ts';
import { alertAsDetection, maxSeverity } from './persist-detections.ts';

/** refreshIncidentRisk for many incidents at once: three statements however many incidents a pass touched. */
export async function refreshIncidentRisks(trx: Executor, orgId: OrgId, incidentIds: readonly number[]): Promise<void> {
  if (incidentIds.length === 0) return;
  const [alerts, eventCounts] = [await selectAlertsOfIncidents(trx, orgId, incidentIds), await countLinkedEventsByIncident(trx, orgId, incidentIds)];
  const byIncident = new Map<number, AlertRow[]>();
  for (const alert of alerts) if (alert.incident_id !== null) byIncident.set(alert.incident_id, [...(byIncident.get(alert.incident_id) ?? []), alert]);
  const rollups: IncidentRollup[] = [];
  for (const [id, list] of byIncident) {
    const risk = riskScore(list.map(alertAsDetection));
    rollups.push({
      id,
      alertCount: list.length,
      eventCount: eventCounts.get(id) ?? 0,
      riskScore: risk.score,
      escalationLevel: risk.escalationLevel,
      severity: list.reduce<DetectionSeverity>((worst, alert) => maxSeverity(alert.severity, worst), 'low'),
      riskEvidence: JSON.stringify(risk.contributions),
      mitre: [...new Set(list.flatMap((alert) => alert.mitre))],
      firstSeen: list.reduce((min, alert) => (alert.first_seen_at < min ? alert.first_seen_at : min), list[0]?.first_seen_at ?? new Date()),
      lastSeen: list.reduce((max, alert) => (alert.last_seen_at > max ? alert.last_seen_at : max), list[0]?.last_seen_at ?? new Date()),
    });
  }
  await updateIncidentRollups(trx, orgId, rollups);
}
