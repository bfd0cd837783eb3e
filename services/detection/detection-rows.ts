import type { Detection, DetectionSeverity } from '../../engines/detection/index.ts';

/** A new firing of a fingerprint within this long of the alert's last sighting extends it (occurrences grow). */
export const ALERT_MERGE_SECONDS = 3600;
/** Alerts about the same entity and category join an open incident active within this long. */
export const INCIDENT_REOPEN_SECONDS = 24 * 3600;
/** An alert links at most this many events; the most recent ones win. */
export const MAX_EVENTS_PER_ALERT = 500;

const SEVERITY_RANK: Record<DetectionSeverity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

export function maxSeverity(a: string, b: DetectionSeverity): DetectionSeverity {
  const rankA = SEVERITY_RANK[a as DetectionSeverity] ?? 0;
  return rankA >= SEVERITY_RANK[b] ? (a as DetectionSeverity) : b;
}

/** The alert a detection opens, before it is filed under an incident. */
export function newAlertValues(detection: Detection) {
  return {
    fingerprint: detection.fingerprintKey,
    source: detection.rule ? 'rule' : 'detector',
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
    rule_id: detection.rule?.id ?? null,
    rule_meta: detection.rule ? JSON.stringify(ruleMetaOf(detection.rule)) : null,
  };
}

/** What an alert shows of its rule (author and link: the DRL asks it of SigmaHQ rules). */
function ruleMetaOf(rule: NonNullable<Detection['rule']>) {
  return { id: rule.publicId, title: rule.title, version: rule.version, author: rule.author, link: rule.link, license: rule.license };
}

export type NewAlertValues = ReturnType<typeof newAlertValues>;

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

export type NewIncidentValues = ReturnType<typeof newIncidentValues>;
