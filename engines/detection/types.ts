import type { DetectionSettings } from './settings.ts';

export type { DetectionSettings, DetectionSettingsOverride } from './settings.ts';
export { DEFAULT_DETECTION_SETTINGS, mergeSettings, ZDetectionSettings, ZDetectionSettingsOverride } from './settings.ts';

/**
 * A slim view of one stored event (engines/telemetry/event.ts), as the detection service loads it.
 * `sessionId`, `hostName` and `processName` are optional: without a session the malware detector treats all of a
 * source's commands as one session; without a host name, endpoint command lines fall back to the source IP.
 */
export type DetectionEvent = {
  id: number;
  occurredAt: Date;
  sourceKind: string;
  kind: string;
  category: string;
  action: string;
  outcome: string;
  severity: number;
  srcIp: string | null;
  dstIp: string | null;
  dstPort: number | null;
  userName: string | null;
  processCommandLine: string | null;
  url: string | null;
  fileName: string | null;
  fileSha256: string | null;
  message: string | null;
  attributes: Record<string, unknown>;
  sessionId?: string | null;
  hostName?: string | null;
  processName?: string | null;
};

export const DETECTION_CATEGORIES = [
  'brute_force',
  'password_spray',
  'credential_stuffing',
  'username_enumeration',
  'reconnaissance',
  'web_attack',
  'dos',
  'malware',
  'cryptomining',
  'exfiltration',
  'ransomware',
  'ids_alert',
  'network_anomaly',
  'agent_health',
  // rules (engines/rules) file their alerts under the ATT&CK tactic of their tags, else rule_match
  'initial_access',
  'execution',
  'persistence',
  'privilege_escalation',
  'defense_evasion',
  'credential_access',
  'discovery',
  'lateral_movement',
  'collection',
  'command_and_control',
  'impact',
  'rule_match',
] as const;
export type DetectionCategory = (typeof DETECTION_CATEGORIES)[number];

export const DETECTION_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type DetectionSeverity = (typeof DETECTION_SEVERITIES)[number];

export type EntityType = 'src_ip' | 'host' | 'user';
export type Entity = { type: EntityType; value: string };

/** One measured fact behind a detection. `weight` (0–1) is how much the rule trusts it; risk.ts uses the first item. */
export type Evidence = { name: string; observed: number | string; threshold: number | string; weight: number };

export type Detection = {
  detector: string;
  detectorVersion: number;
  title: string;
  description: string;
  category: DetectionCategory;
  severity: DetectionSeverity;
  entity: Entity;
  /** ATT&CK technique ids, e.g. T1110.001. */
  mitre: string[];
  /** evidence[0] is the firing criterion (observed ≥ threshold). */
  evidence: Evidence[];
  /** The events that caused it, oldest first, at most MAX_EVENT_IDS (the most recent ones). */
  eventIds: number[];
  windowStart: Date;
  windowEnd: Date;
  /** Stable key WITHOUT time (`<detector>|<key parts>|<entity>`): the service dedups/merges alerts on it. */
  fingerprintKey: string;
  /** Set when a rule (engines/rules) made the detection: the alert keeps the rule and, for shared rules, its attribution. */
  rule?: DetectionRuleRef;
};

/** The rule behind a detection; author and link are shown with the alert (the DRL asks it of SigmaHQ rules). */
export type DetectionRuleRef = {
  id: string;
  publicId: number;
  version: number;
  title: string;
  author: string | null;
  link: string | null;
  license: string | null;
};

export const MAX_EVENT_IDS = 200;

/**
 * Which stored events can matter to a detector, as a SQL-friendly superset of `prefilter`:
 * action ∈ actions, OR category ∈ categories, OR one of `fields` is not null, OR attributes has one of `attributeKeys`.
 */
export type DetectorInterest = {
  actions: readonly string[];
  categories: readonly string[];
  fields: readonly ('processCommandLine' | 'url')[];
  attributeKeys: readonly string[];
};

export type Detector = {
  id: string;
  version: number;
  title: string;
  category: DetectionCategory;
  mitre: readonly string[];
  interest: DetectorInterest;
  /** Cheap test: can this event matter to the detector at all? */
  prefilter: (e: DetectionEvent) => boolean;
  /** How far back the service must load stored events for a complete evaluation. */
  lookbackSeconds: (settings: DetectionSettings) => number;
  /** The entity an event is grouped under (null: the event is ignored). */
  entityOf: (e: DetectionEvent) => Entity | null;
  /**
   * `events`: prefiltered, one entity, sorted by (occurredAt, id). Windows slide over event time, never over `now`,
   * so the result depends only on the stored events (batch-independent, replay-safe).
   */
  evaluate: (events: readonly DetectionEvent[], settings: DetectionSettings, now: Date) => Detection[];
};
