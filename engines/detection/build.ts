import { type Detection, type DetectionCategory, type DetectionEvent, type DetectionSeverity, type Entity, type Evidence, MAX_EVENT_IDS } from './types.ts';

export const SEVERITY_RANK: Readonly<Record<DetectionSeverity, number>> = { low: 1, medium: 2, high: 3, critical: 4 };

export function maxSeverity(...severities: DetectionSeverity[]): DetectionSeverity {
  return severities.reduce((a, b) => (SEVERITY_RANK[b] > SEVERITY_RANK[a] ? b : a), 'low');
}

/** The event scale 0–4 (telemetry/severity.ts) → detection severity: 4 critical, 3 high, 2 medium, 1/0 low. */
export function fromEventSeverity(severity: number): DetectionSeverity {
  if (severity >= 4) return 'critical';
  if (severity >= 3) return 'high';
  if (severity >= 2) return 'medium';
  return 'low';
}

export function srcIpEntity(e: DetectionEvent): Entity | null {
  return e.srcIp ? { type: 'src_ip', value: e.srcIp } : null;
}

/** `<detector>|<parts…>|<entity>` with `|` escaped inside parts; an entity other than src_ip is prefixed by its type. */
export function fingerprintKey(detector: string, parts: readonly string[], entity: Entity): string {
  const value = entity.type === 'src_ip' ? entity.value : `${entity.type}:${entity.value}`;
  return [detector, ...parts, value].map((p) => p.replaceAll('|', '%7C')).join('|');
}

/** Ids of the given events in time order, without repeats, keeping the most recent MAX_EVENT_IDS. */
export function boundedIds(events: readonly DetectionEvent[]): number[] {
  const ids = [...new Set(events.map((e) => e.id))];
  return ids.length > MAX_EVENT_IDS ? ids.slice(ids.length - MAX_EVENT_IDS) : ids;
}

export type DetectionDraft = {
  detector: { id: string; version: number; category: DetectionCategory; mitre: readonly string[] };
  title: string;
  description: string;
  severity: DetectionSeverity;
  entity: Entity;
  evidence: Evidence[];
  /** The causing events, time-sorted and non-empty. */
  events: readonly DetectionEvent[];
  fingerprintParts?: readonly string[];
  category?: DetectionCategory;
  mitre?: readonly string[];
};

export function buildDetection(d: DetectionDraft): Detection {
  const first = d.events[0];
  const last = d.events[d.events.length - 1];
  if (!first || !last) throw new Error(`${d.detector.id}: a detection needs at least one event`);
  return {
    detector: d.detector.id,
    detectorVersion: d.detector.version,
    title: d.title,
    description: d.description,
    category: d.category ?? d.detector.category,
    severity: d.severity,
    entity: d.entity,
    mitre: [...new Set(d.mitre ?? d.detector.mitre)],
    evidence: d.evidence,
    eventIds: boundedIds(d.events),
    windowStart: first.occurredAt,
    windowEnd: last.occurredAt,
    fingerprintKey: fingerprintKey(d.detector.id, d.fingerprintParts ?? [], d.entity),
  };
}

/** "3 events", "1 event". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

export function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
