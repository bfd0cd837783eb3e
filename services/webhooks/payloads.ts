import type { AlertRow } from '../../db/repos/alerts.repo.ts';
import type { IncidentRow } from '../../db/repos/incidents.repo.ts';

const iso = (value: Date | null) => (value === null ? null : value.toISOString());

/** `data` of the incident.* events: the incident as it is after the change (Mini-XDR's example fields first). */
export function incidentEventData(row: IncidentRow): Record<string, unknown> {
  return {
    incident_id: Number(row.id),
    src_ip: row.src_ip,
    risk_score: row.risk_score,
    threat_category: row.threat_category,
    title: row.title,
    status: row.status,
    severity: row.severity,
    escalation_level: row.escalation_level,
    entity_type: row.entity_type,
    entity_value: row.entity_value,
    alert_count: row.alert_count,
    event_count: row.event_count,
    mitre: row.mitre,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

/** `data` of alert.created. */
export function alertEventData(row: AlertRow): Record<string, unknown> {
  return {
    alert_id: Number(row.id),
    title: row.title,
    category: row.category,
    severity: row.severity,
    source: row.source,
    detector: row.detector,
    src_ip: row.src_ip,
    entity_type: row.entity_type,
    entity_value: row.entity_value,
    incident_id: row.incident_id === null ? null : Number(row.incident_id),
    mitre: row.mitre,
    first_seen_at: iso(row.first_seen_at),
    created_at: row.created_at.toISOString(),
  };
}

const LEVELS = ['low', 'medium', 'high', 'critical'];

/** True when an escalation level (or severity) rose. */
export function isEscalation(from: string, to: string): boolean {
  return LEVELS.indexOf(to) > LEVELS.indexOf(from);
}

/** `data` of incident.escalated, in Mini-XDR's words (old_severity and new_severity are escalation levels). */
export function escalationEventData(before: IncidentRow, after: IncidentRow, reason: string): Record<string, unknown> {
  return { ...incidentEventData(after), old_severity: before.escalation_level, new_severity: after.escalation_level, reason };
}
