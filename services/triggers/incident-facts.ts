import type { Executor, OrgId } from '../../core/database.ts';
import { countSourceEventsInWindow, eventSources, incidentEventSources } from '../../db/queries/triggers.ts';
import type { IncidentRow } from '../../db/repos/incidents.repo.ts';
import { eventCountKey, type TriggerFacts, type TriggerIncident, type TriggerMatcher } from '../../engines/triggers/index.ts';

export type TriggerChange = TriggerFacts['change'];

/** Where the incident came from, as the `source` condition reads it. */
function originOf(row: Pick<IncidentRow, 'origin' | 'created_by'>): string {
  const prefix = row.origin?.split(':')[0];
  if (prefix === 'alert') return 'alert';
  if (prefix === 'network_event') return 'network';
  return row.created_by === 'detection' ? 'detection' : 'manual';
}

export function toTriggerIncident(row: IncidentRow, sources: readonly string[]): TriggerIncident {
  return {
    id: Number(row.id),
    title: row.title,
    severity: row.severity,
    escalation_level: row.escalation_level,
    risk_score: row.risk_score,
    threat_category: row.threat_category ?? '',
    reason: row.reason ?? row.description ?? row.title,
    src_ip: row.src_ip ?? '',
    status: row.status,
    event_count: row.event_count,
    alert_count: row.alert_count,
    tags: row.tags,
    mitre: row.mitre,
    sources,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

const needsSources = (matchers: readonly TriggerMatcher[]) =>
  matchers.some((matcher) => matcher.conditions.source !== undefined || (matcher.expression?.source.includes('sources') ?? false));

/** The incident's sources: its origin, and the channels and source kinds of its events (cowrie is a honeypot). */
async function sourcesOf(db: Executor, orgId: OrgId, row: IncidentRow): Promise<string[]> {
  const origin = originOf(row);
  const eventId = origin === 'network' ? Number(row.origin?.split(':')[1]) : Number.NaN;
  const found = Number.isSafeInteger(eventId) ? await eventSources(db, orgId, eventId) : await incidentEventSources(db, orgId, Number(row.id));
  const sources = new Set([origin, ...found]);
  if (sources.has('cowrie')) sources.add('honeypot');
  return [...sources];
}

/**
 * What the matchers need to know about the incident: its fields, and only the extra reads some matcher asks
 * for: each (event_type, window) count once, bounded by time and by count; the sources when a `source` condition
 * or an expression names them.
 */
export async function incidentFacts(
  db: Executor,
  orgId: OrgId,
  row: IncidentRow,
  change: TriggerChange,
  matchers: readonly TriggerMatcher[],
): Promise<TriggerFacts> {
  const sources = needsSources(matchers) ? await sourcesOf(db, orgId, row) : [originOf(row)];
  const wanted = new Map<string, { eventType: string; windowSeconds: number; threshold: number }>();
  for (const { conditions } of matchers) {
    if (!conditions.eventCount) continue;
    const key = eventCountKey(conditions.eventCount.eventType, conditions.eventCount.windowSeconds);
    const seen = wanted.get(key);
    if (!seen || seen.threshold < conditions.eventCount.threshold) wanted.set(key, conditions.eventCount);
  }
  const eventCounts: Record<string, number> = {};
  const anchor = row.last_seen_at ?? row.updated_at;
  for (const [key, { eventType, windowSeconds, threshold }] of wanted) {
    eventCounts[key] =
      row.src_ip === null
        ? 0
        : await countSourceEventsInWindow(db, orgId, { srcIp: row.src_ip, eventType, windowSeconds, to: anchor, cap: Math.max(threshold, 1000) });
  }
  return { incident: toTriggerIncident(row, sources), change, eventCounts };
}
