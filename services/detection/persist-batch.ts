import type { Executor, OrgId } from '../../core/database.ts';
import type { AlertRow } from '../../db/repos/alerts.repo.ts';
import {
  countLinkedEventsByAlert,
  insertAlertEventLinks,
  insertAlertsReturningIds,
  insertIncidentsReturningIds,
  insertTimelineRows,
  selectActiveIncidentsByKey,
  selectIncidentsByIds,
  selectOpenAlertsByFingerprint,
  updateAlertsExtended,
} from '../../db/repos/detection-batch.repo.ts';
import { ACTIVE_INCIDENT_STATUSES, type IncidentRow } from '../../db/repos/incidents.repo.ts';
import type { Detection } from '../../engines/detection/index.ts';
import { ALERT_MERGE_SECONDS, INCIDENT_REOPEN_SECONDS, maxSeverity, newAlertValues, newIncidentValues } from './persist-detections.ts';

const MAX_EVENTS_PER_ALERT = 500;

type IncidentSlot = { id: number | null; lastSeen: Date; created: boolean; index: number };
type AlertSlot = {
  existing: AlertRow | null;
  /** The latest detection of this pass for the alert; null while the pass has not touched it. */
  detection: Detection | null;
  occurrences: number;
  firstSeen: Date;
  lastSeen: Date;
  severity: string;
  incident: IncidentSlot | null;
  events: Map<number, Date>;
};
type TouchedSlot = AlertSlot & { detection: Detection; incident: IncidentSlot };

const incidentKey = (entity: { type: string; value: string }, category: string) => `${entity.type}|${entity.value}|${category}`;

/**
 * Records a pass's detections with set-based statements: a fingerprint seen within the merge window
 * extends its alert (never one filed under a closed incident), and an alert joins the active incident
 * of its entity and category seen within the reopen window, or opens one. Returns the incidents touched and how many were created.
 */
export async function persistDetectionBatch(
  trx: Executor,
  orgId: OrgId,
  detections: readonly Detection[],
  occurredAt: ReadonlyMap<number, Date>,
): Promise<{ touched: number[]; created: number }> {
  if (detections.length === 0) return { touched: [], created: 0 };
  const earliest = new Date(Math.min(...detections.map((d) => d.windowStart.getTime())));
  const candidates = await selectOpenAlertsByFingerprint(
    trx,
    orgId,
    [...new Set(detections.map((d) => d.fingerprintKey))],
    new Date(earliest.getTime() - ALERT_MERGE_SECONDS * 1000),
  );
  const linkedIncidents = new Map(
    (await selectIncidentsByIds(trx, orgId, [...new Set(candidates.flatMap((a) => (a.incident_id === null ? [] : [a.incident_id])))])).map((i) => [i.id, i]),
  );
  const isActive = (incident: IncidentRow | undefined) => incident !== undefined && (ACTIVE_INCIDENT_STATUSES as readonly string[]).includes(incident.status);
  const alerts = new Map<string, AlertSlot>();
  for (const candidate of candidates) {
    if (alerts.has(candidate.fingerprint)) continue;
    const linked = candidate.incident_id === null ? undefined : linkedIncidents.get(candidate.incident_id);
    if (candidate.incident_id !== null && !isActive(linked)) continue;
    alerts.set(candidate.fingerprint, slotFor(candidate, linked));
  }
  const keys = detections.map((d) => ({ type: d.entity.type, value: d.entity.value, category: d.category }));
  const earliestEnd = new Date(Math.min(...detections.map((d) => d.windowEnd.getTime())));
  const incidents = new Map<string, IncidentSlot>();
  for (const incident of await selectActiveIncidentsByKey(trx, orgId, keys, new Date(earliestEnd.getTime() - INCIDENT_REOPEN_SECONDS * 1000))) {
    const key = incidentKey({ type: incident.entity_type ?? '', value: incident.entity_value ?? '' }, incident.threat_category ?? '');
    if (!incidents.has(key)) incidents.set(key, { id: incident.id, lastSeen: incident.last_seen_at ?? incident.created_at, created: false, index: -1 });
  }

  const newIncidents: Detection[] = [];
  for (const detection of detections) {
    let slot = alerts.get(detection.fingerprintKey);
    const mergeSince = detection.windowStart.getTime() - ALERT_MERGE_SECONDS * 1000;
    if (slot && slot.lastSeen.getTime() >= mergeSince) {
      slot.occurrences += 1;
      if (detection.windowStart < slot.firstSeen) slot.firstSeen = detection.windowStart;
      if (detection.windowEnd > slot.lastSeen) slot.lastSeen = detection.windowEnd;
      slot.severity = maxSeverity(slot.severity, detection.severity);
      slot.detection = detection;
    } else {
      slot = {
        existing: null,
        detection,
        occurrences: 1,
        firstSeen: detection.windowStart,
        lastSeen: detection.windowEnd,
        severity: detection.severity,
        incident: null,
        events: new Map(),
      };
      alerts.set(detection.fingerprintKey, slot);
    }
    if (!slot.incident) slot.incident = incidentFor(detection, incidents, newIncidents);
    for (const id of detection.eventIds) {
      const at = occurredAt.get(id);
      if (at) slot.events.set(id, at);
    }
  }

  const incidentIds = await insertIncidentsReturningIds(trx, orgId, newIncidents.map(newIncidentValues));
  for (const slot of incidents.values()) if (slot.id === null) slot.id = incidentIds[slot.index] ?? null;
  const touched = [...alerts.values()].filter((slot): slot is TouchedSlot => slot.detection !== null && slot.incident !== null);
  const fresh = touched.filter((slot) => slot.existing === null);
  const freshIds = await insertAlertsReturningIds(
    trx,
    orgId,
    fresh.map((slot) => newAlertRow(slot)),
  );
  const extended = touched.filter((slot) => slot.existing !== null);
  await updateAlertsExtended(
    trx,
    orgId,
    extended.map((slot) => ({
      id: slot.existing?.id ?? 0,
      occurrences: slot.occurrences,
      firstSeen: slot.firstSeen,
      lastSeen: slot.lastSeen,
      severity: slot.severity,
      evidence: JSON.stringify(slot.detection.evidence),
      description: slot.detection.description,
      incidentId: slot.incident.id ?? 0,
    })),
  );
  const alertIdOf = (slot: TouchedSlot) => slot.existing?.id ?? freshIds[fresh.indexOf(slot)] ?? 0;
  const linkedCounts = await countLinkedEventsByAlert(trx, orgId, extended.map(alertIdOf));
  await insertAlertEventLinks(
    trx,
    orgId,
    touched.flatMap((slot) => {
      const room = MAX_EVENTS_PER_ALERT - (linkedCounts.get(alertIdOf(slot)) ?? 0);
      return room <= 0 ? [] : [...slot.events].slice(-room).map(([eventId, at]) => ({ alertId: alertIdOf(slot), eventId, occurredAt: at }));
    }),
  );
  const created = [...incidents.values()].filter((slot) => slot.created);
  await insertTimelineRows(trx, orgId, [
    ...created.map((slot) => ({
      incidentId: slot.id ?? 0,
      actorId: newIncidents[slot.index]?.detector ?? 'detection',
      kind: 'created',
      detail: { category: newIncidents[slot.index]?.category },
    })),
    ...touched
      .filter((slot) => slot.existing === null || slot.existing.incident_id !== slot.incident.id)
      .map((slot) => ({
        incidentId: slot.incident.id ?? 0,
        actorId: slot.detection.detector,
        kind: 'alert_added',
        detail: { alert_id: alertIdOf(slot), title: slot.detection.title },
      })),
  ]);
  return { touched: [...new Set(touched.map((slot) => slot.incident.id ?? 0))], created: created.length };
}

function slotFor(alert: AlertRow, linked: IncidentRow | undefined): AlertSlot {
  return {
    existing: alert,
    detection: null,
    occurrences: alert.occurrences,
    firstSeen: alert.first_seen_at,
    lastSeen: alert.last_seen_at,
    severity: alert.severity,
    incident: linked ? { id: linked.id, lastSeen: linked.last_seen_at ?? linked.created_at, created: false, index: -1 } : null,
    events: new Map(),
  };
}

function incidentFor(detection: Detection, incidents: Map<string, IncidentSlot>, newIncidents: Detection[]): IncidentSlot {
  const key = incidentKey(detection.entity, detection.category);
  const known = incidents.get(key);
  if (known && known.lastSeen.getTime() >= detection.windowEnd.getTime() - INCIDENT_REOPEN_SECONDS * 1000) {
    if (detection.windowEnd > known.lastSeen) known.lastSeen = detection.windowEnd;
    return known;
  }
  const slot: IncidentSlot = { id: null, lastSeen: detection.windowEnd, created: true, index: newIncidents.length };
  newIncidents.push(detection);
  incidents.set(key, slot);
  return slot;
}

function newAlertRow(slot: TouchedSlot) {
  return {
    ...newAlertValues(slot.detection, slot.incident.id),
    severity: slot.severity,
    occurrences: slot.occurrences,
    first_seen_at: slot.firstSeen,
    last_seen_at: slot.lastSeen,
  };
}
