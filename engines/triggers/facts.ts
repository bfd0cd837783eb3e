/** Escalation levels and priorities share one scale; ranks are numbers (Mini-XDR sorted the words as strings). */
export const LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_RANK: Readonly<Record<Level, number>> = { low: 0, medium: 1, high: 2, critical: 3 };

/** A level's rank; an unknown word counts as medium (Mini-XDR's rule). */
export function levelRank(level: string | null | undefined): number {
  return LEVEL_RANK[(level ?? '').toLowerCase() as Level] ?? 1;
}

/**
 * The incident a trigger is evaluated against: what conditions, the CEL expression and the parameter
 * templates read. Absent text is the empty string (CEL sees strings, never null).
 */
export type TriggerIncident = {
  id: number;
  title: string;
  severity: string;
  escalation_level: string;
  risk_score: number;
  threat_category: string;
  reason: string;
  src_ip: string;
  status: string;
  event_count: number;
  alert_count: number;
  tags: readonly string[];
  mitre: readonly string[];
  /** Where the incident came from: its origin (detection, alert, network, manual) and its events' channels and sources (honeypot for cowrie). */
  sources: readonly string[];
  created_at: string;
  updated_at: string;
};

/** Everything an evaluation reads: the incident, the change being evaluated, and the event counts the service computed. */
export type TriggerFacts = {
  incident: TriggerIncident;
  change: 'created' | 'updated' | 'escalated' | 'simulation';
  /**
   * Events of `event_type` from the incident's source address within `window_seconds` before its last sighting,
   * keyed by `eventCountKey`. A missing key counts as 0.
   */
  eventCounts: Readonly<Record<string, number>>;
};

export function eventCountKey(eventType: string, windowSeconds: number): string {
  return `${eventType}@${windowSeconds}`;
}
