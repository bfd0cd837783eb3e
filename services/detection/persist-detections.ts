import type { Executor, OrgId } from '../../core/database.ts';
import { type AlertRow, countIncidentLinkedEvents, listAlerts } from '../../db/repos/alerts.repo.ts';
import { type IncidentRow, updateIncident } from '../../db/repos/incidents.repo.ts';
import { type Detection, type DetectionSeverity, riskScore } from '../../engines/detection/index.ts';

/** A new firing of a fingerprint within this long of the alert's last sighting extends it (occurrences grow). */
export const ALERT_MERGE_SECONDS = 3600;
/** Alerts about the same entity and category join an open incident active within this long. */
export const INCIDENT_REOPEN_SECONDS = 24 * 3600;

const SEVERITY_RANK: Record<DetectionSeverity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

export function maxSeverity(a: string, b: DetectionSeverity): DetectionSeverity {
  const rankA = SEVERITY_RANK[a as DetectionSeverity] ?? 0;
  return rankA >= SEVERITY_RANK[b] ? (a as DetectionSeverity) : b;
}

export function newAlertValues(detection: Detection, incidentId: number | null) {
  return {
    fingerprint: detection.fingerprintKey,
    source: 'detector',
    detector: detection.detector,
    detector_version: detection.detectorVersion,
    title: detection.title,
    description: detection.description,
    category: detection.category,
    severity: detection.severity,
    entity_type: detection.entity.type,
    entity_value: detection.entity.value,
    src_ip: detection.entity.type === 'src_ip' ? detection.entity.value : null,
    hostname: detection.entity.type === 'host' ? detection.entity.value : null,
    username: detection.entity.type === 'user' ? detection.entity.value : null,
    mitre: detection.mitre,
    evidence: JSON.stringify(detection.evidence),
    occurrences: 1,
    first_seen_at: detection.windowStart,
    last_seen_at: detection.windowEnd,
    incident_id: incidentId,
  };
}

/** Recomputes the incident's roll-up (alert and event counts, time span, risk with its evidence) from its alerts. */
export async function refreshIncidentRisk(trx: Executor, orgId: OrgId, incidentId: number): Promise<IncidentRow> {
  const alerts = await listAlerts(trx, orgId, { incidentId }, { limit: 500, offset: 0 });
  const risk = riskScore(alerts.map(alertAsDetection));
  const eventCount = await countIncidentLinkedEvents(trx, orgId, incidentId);
  const updated = await updateIncident(trx, orgId, incidentId, {
    alert_count: alerts.length,
    event_count: eventCount,
    risk_score: risk.score,
    escalation_level: risk.escalationLevel,
    severity: alerts.reduce<DetectionSeverity>((worst, alert) => maxSeverity(alert.severity, worst), 'low'),
    risk_evidence: JSON.stringify(risk.contributions),
    mitre: [...new Set(alerts.flatMap((alert) => alert.mitre))],
    ...timeSpan(alerts),
  });
  if (!updated) throw new Error(`incident ${incidentId} vanished during detection`);
  return updated;
}

/** The span the alerts cover; an incident whose alerts are all gone keeps the span it had. */
function timeSpan(alerts: readonly AlertRow[]): { first_seen_at?: Date; last_seen_at?: Date } {
  const [first, ...rest] = alerts;
  if (!first) return {};
  return {
    first_seen_at: rest.reduce((min, alert) => (alert.first_seen_at < min ? alert.first_seen_at : min), first.first_seen_at),
    last_seen_at: rest.reduce((max, alert) => (alert.last_seen_at > max ? alert.last_seen_at : max), first.last_seen_at),
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

/** A new incident opened by a detection; its roll-up is refreshed after the pass. */
export function newIncidentValues(detection: Detection) {
  return {
    title: detection.title,
    description: detection.description,
    reason: detection.description,
    src_ip: detection.entity.type === 'src_ip' ? detection.entity.value : null,
    entity_type: detection.entity.type,
    entity_value: detection.entity.value,
    threat_category: detection.category,
    severity: detection.severity,
    escalation_level: detection.severity,
    mitre: detection.mitre,
    created_by: 'detection',
    first_seen_at: detection.windowStart,
    last_seen_at: detection.windowEnd,
  };
}
