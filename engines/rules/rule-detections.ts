import { type Detection, type DetectionCategory, type DetectionRuleRef, type DetectionSeverity, type Entity, MAX_EVENT_IDS } from '../detection/index.ts';
import type { RuleLevel, RuleMeta } from './types.ts';

/** One event a rule matched, with what it takes to file the alert. */
export type RuleHitEvent = { eventId: number; occurredAt: Date; entity: Entity | null; selections: readonly string[] };

export type RuleIdentity = DetectionRuleRef & { severity: RuleLevel; meta: RuleMeta };

const TACTICS: Readonly<Record<string, DetectionCategory>> = {
  initial_access: 'initial_access',
  execution: 'execution',
  persistence: 'persistence',
  privilege_escalation: 'privilege_escalation',
  defense_evasion: 'defense_evasion',
  credential_access: 'credential_access',
  discovery: 'discovery',
  lateral_movement: 'lateral_movement',
  collection: 'collection',
  command_and_control: 'command_and_control',
  exfiltration: 'exfiltration',
  impact: 'impact',
};

/** A rule's alert severity: Sigma's informational files as low (alerts know four severities). */
export function alertSeverityOf(level: RuleLevel): DetectionSeverity {
  return level === 'informational' ? 'low' : level;
}

/** ATT&CK technique ids from Sigma tags (`attack.t1059.001` → T1059.001). */
export function mitreOf(tags: readonly string[]): string[] {
  const ids = tags.flatMap((tag) => {
    const match = /^attack\.(t\d{4}(?:\.\d{3})?)$/i.exec(tag.trim());
    return match?.[1] ? [match[1].toUpperCase()] : [];
  });
  return [...new Set(ids)];
}

/** The first ATT&CK tactic among the tags (`attack.credential-access`), else rule_match. */
export function categoryOf(tags: readonly string[]): DetectionCategory {
  for (const tag of tags) {
    const name = tag
      .trim()
      .toLowerCase()
      .replace(/^attack\./, '')
      .replaceAll('-', '_');
    const category = tag.toLowerCase().startsWith('attack.') ? TACTICS[name] : undefined;
    if (category) return category;
  }
  return 'rule_match';
}

/** Which entity an alert is about: the remote address if there is one, else the host, else the user. */
export function entityOfEvent(event: { srcIp: string | null; hostName: string | null; userName: string | null }): Entity | null {
  if (event.srcIp) return { type: 'src_ip', value: event.srcIp };
  if (event.hostName) return { type: 'host', value: event.hostName };
  if (event.userName) return { type: 'user', value: event.userName };
  return null;
}

/**
 * One detection per rule and entity for the events one pass matched. The fingerprint has no time in it, so a
 * later pass extends the same alert (the detection service merges a fingerprint's firings within the hour).
 */
export function ruleDetections(rule: RuleIdentity, hits: readonly RuleHitEvent[]): Detection[] {
  const byEntity = new Map<string, RuleHitEvent[]>();
  for (const hit of hits) {
    if (!hit.entity) continue;
    const key = `${hit.entity.type}:${hit.entity.value}`;
    const group = byEntity.get(key);
    if (group) group.push(hit);
    else byEntity.set(key, [hit]);
  }
  return [...byEntity.values()].map((group) => detectionOf(rule, group));
}

function detectionOf(rule: RuleIdentity, group: RuleHitEvent[]): Detection {
  const sorted = [...group].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.eventId - b.eventId);
  const first = sorted[0] as RuleHitEvent;
  const last = sorted.at(-1) as RuleHitEvent;
  const entity = first.entity as Entity;
  const selections = [...new Set(sorted.flatMap((hit) => hit.selections))];
  return {
    ...fromRule(rule),
    entity,
    evidence: [
      { name: 'matched_events', observed: sorted.length, threshold: 1, weight: 1 },
      ...(selections.length > 0 ? [{ name: 'selections', observed: selections.join(', '), threshold: '', weight: 0 }] : []),
    ],
    eventIds: sorted.slice(-MAX_EVENT_IDS).map((hit) => hit.eventId),
    windowStart: first.occurredAt,
    windowEnd: last.occurredAt,
    fingerprintKey: `rule:${rule.id}|${entity.type}:${entity.value}`,
  };
}

/** What every detection of a rule shares: its identity, attribution, category, severity and ATT&CK ids. */
function fromRule(rule: RuleIdentity): Pick<Detection, 'detector' | 'detectorVersion' | 'title' | 'description' | 'category' | 'severity' | 'mitre' | 'rule'> {
  return {
    detector: 'rule',
    detectorVersion: rule.version,
    title: rule.title,
    description: describe(rule),
    category: categoryOf(rule.meta.tags),
    severity: alertSeverityOf(rule.severity),
    mitre: mitreOf(rule.meta.tags),
    rule: { id: rule.id, publicId: rule.publicId, version: rule.version, title: rule.title, author: rule.author, link: rule.link, license: rule.license },
  };
}

function describe(rule: RuleIdentity): string {
  const attribution = [rule.author ? `by ${rule.author}` : null, rule.link, rule.license ? `licence ${rule.license}` : null].filter(Boolean).join(' · ');
  const text = rule.meta.description ?? `Rule "${rule.title}" matched`;
  return attribution ? `${text} (rule ${attribution})` : text;
}

/** A correlation's match, as correlation/ reports it (group values in group-by order). */
export type CorrelationFiring = { group: readonly string[]; windowStart: Date; windowEnd: Date; eventIds: readonly number[]; observed: number };

const IP_LIKE = /^(\d{1,3}\.){3}\d{1,3}$|^[0-9a-f:]+:[0-9a-f:]*$/i;

/** The entity of a correlation's group: an address, a user (a field named like one), else a host; no group: the rule's scope. */
export function correlationEntity(groupBy: readonly string[], group: readonly string[]): Entity {
  for (const value of group) if (IP_LIKE.test(value)) return { type: 'src_ip', value };
  for (const [index, field] of groupBy.entries())
    if (/user|account|logon|subject|target/i.test(field) && group[index]) return { type: 'user', value: group[index] as string };
  return { type: 'host', value: group.join(' / ') || '(all events)' };
}

/**
 * One detection per correlation match. The fingerprint is the rule and its group, never a time: the same group's
 * later windows extend the same alert, and the result does not depend on how events were batched.
 */
export function correlationDetection(rule: RuleIdentity, groupBy: readonly string[], firing: CorrelationFiring, condition: string): Detection {
  const entity = correlationEntity(groupBy, firing.group);
  return {
    ...fromRule(rule),
    entity,
    evidence: [
      { name: 'correlated', observed: firing.observed, threshold: condition, weight: 1 },
      ...groupBy.map((field, index) => ({ name: field, observed: firing.group[index] ?? '', threshold: '', weight: 0 })),
    ],
    eventIds: [...firing.eventIds].slice(-MAX_EVENT_IDS),
    windowStart: firing.windowStart,
    windowEnd: firing.windowEnd,
    fingerprintKey: `rule:${rule.id}|group:${JSON.stringify(firing.group)}`,
  };
}
