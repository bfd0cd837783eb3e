import { credentialStuffing } from './detectors/credential-stuffing.ts';
import { cryptomining } from './detectors/cryptomining.ts';
import { exfiltration } from './detectors/exfiltration.ts';
import { hostScan } from './detectors/host-scan.ts';
import { malwareDownload } from './detectors/malware-download.ts';
import { passwordSpray } from './detectors/password-spray.ts';
import { portScan } from './detectors/port-scan.ts';
import { ransomware } from './detectors/ransomware.ts';
import { requestFlood } from './detectors/request-flood.ts';
import { slowBruteForce } from './detectors/slow-brute-force.ts';
import { sshBruteForce } from './detectors/ssh-brute-force.ts';
import { suricataAlert } from './detectors/suricata-alert.ts';
import { usernameEnumeration } from './detectors/username-enumeration.ts';
import { webAttack } from './detectors/web-attack.ts';
import { zeekNotice } from './detectors/zeek-notice.ts';
import { DEFAULT_DETECTION_SETTINGS, type DetectionSettings } from './settings.ts';
import type { Detection, DetectionEvent, Detector, DetectorInterest } from './types.ts';
import { byTime, groupBy } from './window.ts';

export { type AgentSilence, agentOfflineDetection, OFFLINE_AFTER_INTERVALS } from './agent-offline.ts';
export { ESCALATION_BANDS, type RiskContribution, type RiskScore, riskScore, SEVERITY_POINTS } from './risk.ts';
export * from './types.ts';

/** Every detector, in evaluation order. Ids are stable: they are part of each detection's fingerprintKey. */
export const DETECTORS: readonly Detector[] = [
  sshBruteForce,
  passwordSpray,
  credentialStuffing,
  usernameEnumeration,
  slowBruteForce,
  portScan,
  hostScan,
  webAttack,
  requestFlood,
  malwareDownload,
  cryptomining,
  exfiltration,
  ransomware,
  suricataAlert,
  zeekNotice,
];

function enabled(settings: DetectionSettings): Detector[] {
  const off = new Set(settings.disabledDetectors);
  return DETECTORS.filter((d) => !off.has(d.id));
}

/** How far back (seconds) the service must load stored events so that every enabled detector sees a full window. */
export function maxLookbackSeconds(settings: DetectionSettings = DEFAULT_DETECTION_SETTINGS): number {
  return Math.max(0, ...enabled(settings).map((d) => d.lookbackSeconds(settings)));
}

/** True if any (enabled) detector can use the event: the service skips the others cheaply. */
export function prefilterAny(e: DetectionEvent, settings: DetectionSettings = DEFAULT_DETECTION_SETTINGS): boolean {
  return enabled(settings).some((d) => d.prefilter(e));
}

/**
 * The union of the detectors' interests, for a SQL prefilter that is a superset of prefilterAny: an event can
 * matter only if action ∈ actions, OR category ∈ categories, OR a listed column is not null, OR attributes has a key.
 */
export function detectionInterest(settings: DetectionSettings = DEFAULT_DETECTION_SETTINGS): DetectorInterest {
  const list = enabled(settings);
  const union = <K extends keyof DetectorInterest>(key: K) => [...new Set(list.flatMap((d) => d.interest[key]))].sort() as DetectorInterest[K];
  return { actions: union('actions'), categories: union('categories'), fields: union('fields'), attributeKeys: union('attributeKeys') };
}

export type DetectionError = { detector: string; entity: string; message: string };
export type DetectionRun = { detections: Detection[]; errors: DetectionError[] };

type EventsInput = readonly DetectionEvent[] | ReadonlyMap<string, readonly DetectionEvent[]> | Readonly<Record<string, readonly DetectionEvent[]>>;

function flatten(input: EventsInput): DetectionEvent[] {
  const lists: (readonly DetectionEvent[])[] = Array.isArray(input)
    ? [input as readonly DetectionEvent[]]
    : input instanceof Map
      ? [...input.values()]
      : Object.values(input as Readonly<Record<string, readonly DetectionEvent[]>>);
  const byId = new Map<number, DetectionEvent>();
  for (const list of lists) for (const e of list) if (!byId.has(e.id)) byId.set(e.id, e);
  return [...byId.values()].sort(byTime);
}

/**
 * Runs every enabled detector over stored events (a flat list or lists keyed by entity; repeated ids are counted
 * once). Each detector gets its prefiltered events grouped by its own entity, sorted by time. A detector that throws
 * is isolated: its error is reported and the others still run. Output is sorted (windowStart, detector, fingerprint).
 */
export function runDetectorsReport(input: EventsInput, settings: DetectionSettings, now: Date, detectors: readonly Detector[] = DETECTORS): DetectionRun {
  const events = flatten(input);
  const detections: Detection[] = [];
  const errors: DetectionError[] = [];
  const off = new Set(settings.disabledDetectors);
  for (const detector of detectors.filter((d) => !off.has(d.id))) {
    const groups = groupBy(
      events.filter((e) => detector.prefilter(e)),
      (e) => {
        const entity = detector.entityOf(e);
        return entity ? `${entity.type}|${entity.value}` : null;
      },
    );
    for (const [entity, group] of groups) {
      try {
        detections.push(...detector.evaluate(group, settings, now));
      } catch (error) {
        errors.push({ detector: detector.id, entity, message: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  detections.sort(
    (a, b) =>
      a.windowStart.getTime() - b.windowStart.getTime() ||
      cmp(a.detector, b.detector) ||
      cmp(a.fingerprintKey, b.fingerprintKey) ||
      a.windowEnd.getTime() - b.windowEnd.getTime(),
  );
  return { detections, errors };
}

/** runDetectorsReport without the error list (use the report to log detector failures). */
export function runDetectors(input: EventsInput, settings: DetectionSettings, now: Date): Detection[] {
  return runDetectorsReport(input, settings, now).detections;
}
