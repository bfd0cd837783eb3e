import type { AlertRow } from '../../db/repos/alerts.repo.ts';
import { type Detection, type DetectionSeverity, type RiskScore, riskScore } from '../../engines/detection/index.ts';

/** The risk of an incident made from one alert, by the same formula detection uses for its incidents. */
export function alertRisk(alert: AlertRow): RiskScore {
  const detection: Detection = {
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
  return riskScore([detection]);
}
