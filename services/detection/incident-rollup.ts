import type { Executor, OrgId } from '../../core/database.ts';
import { countLinkedEventsByIncident, selectAlertsOfIncidents } from '../../db/queries/detection.ts';
import type { AlertRow } from '../../db/repos/alerts.repo.ts';
import { type IncidentRollup, updateIncidentRollups } from '../../db/repos/incidents.repo.ts';
import { type Detection, type DetectionSeverity, riskScore } from '../../engines/detection/index.ts';
import { maxSeverity } from './detection-rows.ts';

/**
 * Recomputes the incidents' roll-ups (alert and event counts, time span, risk with its evidence) from
 * their alerts: three statements however many incidents. One incident is a list of one.
 */
export async function refreshIncidentRisks(trx: Executor, orgId: OrgId, incidentIds: readonly number[]): Promise<void> {
  const ids = [...new Set(incidentIds)];
  if (ids.length === 0) return;
  const alerts = await selectAlertsOfIncidents(trx, orgId, ids);
  const eventCounts = await countLinkedEventsByIncident(trx, orgId, ids);
  const byIncident = new Map<number, AlertRow[]>(ids.map((id) => [id, []]));
  for (const alert of alerts) if (alert.incident_id !== null) byIncident.get(alert.incident_id)?.push(alert);
  const updated = await updateIncidentRollups(
    trx,
    orgId,
    [...byIncident].map(([id, list]) => rollupOf(id, list, eventCounts.get(id) ?? 0)),
  );
  const vanished = ids.filter((id) => !updated.has(id));
  if (vanished.length > 0) throw new Error(`incidents ${vanished.join(', ')} vanished during their roll-up`);
}

function rollupOf(id: number, alerts: readonly AlertRow[], eventCount: number): IncidentRollup {
  const risk = riskScore(alerts.map(alertAsDetection));
  return {
    id,
    alertCount: alerts.length,
    eventCount,
    riskScore: risk.score,
    escalationLevel: risk.escalationLevel,
    severity: alerts.reduce<DetectionSeverity>((worst, alert) => maxSeverity(alert.severity, worst), 'low'),
    riskEvidence: JSON.stringify(risk.contributions),
    mitre: [...new Set(alerts.flatMap((alert) => alert.mitre))],
    ...timeSpan(alerts),
  };
}

/** The span the alerts cover; an incident whose alerts are all gone keeps the span it had (null leaves it). */
function timeSpan(alerts: readonly AlertRow[]): { firstSeen: Date | null; lastSeen: Date | null } {
  const [first, ...rest] = alerts;
  if (!first) return { firstSeen: null, lastSeen: null };
  return {
    firstSeen: rest.reduce((min, alert) => (alert.first_seen_at < min ? alert.first_seen_at : min), first.first_seen_at),
    lastSeen: rest.reduce((max, alert) => (alert.last_seen_at > max ? alert.last_seen_at : max), first.last_seen_at),
  };
}

/** An alert as the detection it records, for the risk formula. */
export function alertAsDetection(alert: AlertRow): Detection {
  return {
    detector: alert.detector ?? alert.source,
    detectorVersion: alert.detector_version ?? 1,
    title: alert.title,
    description: alert.description ?? '',
    category: alert.category as Detection['category'],
    severity: alert.severity as DetectionSeverity,
    entity: { type: (alert.entity_type ?? 'src_ip') as Detection['entity']['type'], value: alert.entity_value ?? '' },
    mitre: alert.mitre,
    evidence: Array.isArray(alert.evidence) ? (alert.evidence as Detection['evidence']) : [],
    eventIds: [],
    windowStart: alert.first_seen_at,
    windowEnd: alert.last_seen_at,
    fingerprintKey: alert.fingerprint,
  };
}
