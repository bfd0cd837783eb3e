import type { Detection } from '../../engines/detection/index.ts';
import type { AlertRef, DetectionPlan, DetectionPlanInput, IncidentRef, OpenAlert } from './detection-plan.types.ts';
import { ALERT_MERGE_SECONDS, INCIDENT_REOPEN_SECONDS, MAX_EVENTS_PER_ALERT, maxSeverity, newAlertValues, newIncidentValues } from './detection-rows.ts';

type IncidentSlot = { ref: IncidentRef; lastSeen: Date };
type AlertSlot = {
  existing: OpenAlert | null;
  /** The latest detection of this pass for the alert; null while the pass has not touched it. */
  detection: Detection | null;
  occurrences: number;
  firstSeen: Date;
  lastSeen: Date;
  severity: string;
  incident: IncidentRef | null;
  events: Map<number, Date>;
};
type TouchedSlot = AlertSlot & { detection: Detection; incident: IncidentRef };
const isTouched = (slot: AlertSlot): slot is TouchedSlot => slot.detection !== null && slot.incident !== null;

const incidentKey = (type: string, value: string, category: string) => `${type}|${value}|${category}`;
const refKey = (ref: IncidentRef) => (ref.kind === 'existing' ? `e${ref.id}` : `c${ref.index}`);

/**
 * Plans a pass's writes: a fingerprint seen within the merge window extends its alert (never one filed
 * under a closed incident), and an alert joins the active incident of its entity and category seen
 * within the reopen window, or opens one. Pure: the caller reads the input and applies the plan.
 */
export function planDetections(input: DetectionPlanInput): DetectionPlan {
  const alerts = extendableAlerts(input);
  const incidents = new Map<string, IncidentSlot>();
  for (const incident of input.recentIncidents) {
    const key = incidentKey(incident.entityType, incident.entityValue, incident.category);
    if (incident.active && !incidents.has(key)) incidents.set(key, { ref: { kind: 'existing', id: incident.id }, lastSeen: incident.lastSeen });
  }
  const plan: DetectionPlan = { incidentsToCreate: [], alertsToInsert: [], alertsToExtend: [], eventLinks: [], timeline: [], rollups: [] };

  for (const detection of input.detections) {
    let slot = alerts.get(detection.fingerprintKey);
    const mergeSince = detection.windowStart.getTime() - ALERT_MERGE_SECONDS * 1000;
    if (slot && slot.lastSeen.getTime() >= mergeSince) {
      slot.occurrences += 1;
      if (detection.windowStart < slot.firstSeen) slot.firstSeen = detection.windowStart;
      if (detection.windowEnd > slot.lastSeen) slot.lastSeen = detection.windowEnd;
      slot.severity = maxSeverity(slot.severity, detection.severity);
      slot.detection = detection;
    } else {
      slot = newSlot(detection);
      alerts.set(detection.fingerprintKey, slot);
    }
    slot.incident ??= incidentFor(detection, incidents, plan);
    for (const id of detection.eventIds) {
      const at = input.eventTimes.get(id);
      if (at) slot.events.set(id, at);
    }
  }

  const rollups = new Map<string, IncidentRef>();
  for (const slot of [...alerts.values()].filter(isTouched)) {
    planAlert(slot, plan);
    if (!rollups.has(refKey(slot.incident))) rollups.set(refKey(slot.incident), slot.incident);
  }
  plan.rollups = [...rollups.values()];
  return plan;
}

/** The newest open alert of each fingerprint, unless it is filed under an incident no longer active. */
function extendableAlerts(input: DetectionPlanInput): Map<string, AlertSlot> {
  const incidents = new Map(input.alertIncidents.map((incident) => [incident.id, incident]));
  const alerts = new Map<string, AlertSlot>();
  for (const alert of input.openAlerts) {
    if (alerts.has(alert.fingerprint)) continue;
    if (alert.incidentId !== null && !incidents.get(alert.incidentId)?.active) continue;
    alerts.set(alert.fingerprint, {
      existing: alert,
      detection: null,
      occurrences: alert.occurrences,
      firstSeen: alert.firstSeen,
      lastSeen: alert.lastSeen,
      severity: alert.severity,
      incident: alert.incidentId === null ? null : { kind: 'existing', id: alert.incidentId },
      events: new Map(),
    });
  }
  return alerts;
}

function newSlot(detection: Detection): AlertSlot {
  return {
    existing: null,
    detection,
    occurrences: 1,
    firstSeen: detection.windowStart,
    lastSeen: detection.windowEnd,
    severity: detection.severity,
    incident: null,
    events: new Map(),
  };
}

function incidentFor(detection: Detection, incidents: Map<string, IncidentSlot>, plan: DetectionPlan): IncidentRef {
  const key = incidentKey(detection.entity.type, detection.entity.value, detection.category);
  const known = incidents.get(key);
  if (known && known.lastSeen.getTime() >= detection.windowEnd.getTime() - INCIDENT_REOPEN_SECONDS * 1000) {
    if (detection.windowEnd > known.lastSeen) known.lastSeen = detection.windowEnd;
    return known.ref;
  }
  const ref: IncidentRef = { kind: 'created', index: plan.incidentsToCreate.length };
  plan.incidentsToCreate.push(newIncidentValues(detection));
  plan.timeline.push({ kind: 'created', incident: ref, actorId: detection.detector, category: detection.category });
  incidents.set(key, { ref, lastSeen: detection.windowEnd });
  return ref;
}

function planAlert(slot: TouchedSlot, plan: DetectionPlan): void {
  const { detection, existing, incident } = slot;
  let alert: AlertRef;
  if (existing) {
    alert = { kind: 'existing', id: existing.id };
    plan.alertsToExtend.push({
      id: existing.id,
      occurrences: slot.occurrences,
      firstSeen: slot.firstSeen,
      lastSeen: slot.lastSeen,
      severity: slot.severity,
      evidence: JSON.stringify(detection.evidence),
      description: detection.description,
      incident,
    });
  } else {
    alert = { kind: 'inserted', index: plan.alertsToInsert.length };
    const values = {
      ...newAlertValues(detection),
      severity: slot.severity,
      occurrences: slot.occurrences,
      first_seen_at: slot.firstSeen,
      last_seen_at: slot.lastSeen,
    };
    plan.alertsToInsert.push({ values, incident });
  }
  const room = MAX_EVENTS_PER_ALERT - (existing?.linkedEvents ?? 0);
  if (room > 0) plan.eventLinks.push(...[...slot.events].slice(-room).map(([eventId, occurredAt]) => ({ alert, eventId, occurredAt })));
  const alreadyFiled = existing !== null && incident.kind === 'existing' && existing.incidentId === incident.id;
  if (!alreadyFiled) plan.timeline.push({ kind: 'alert_added', incident, actorId: detection.detector, alert, title: detection.title });
}
