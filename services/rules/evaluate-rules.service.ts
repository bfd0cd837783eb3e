import type { Executor, OrgId } from '../../core/database.ts';
import { selectRuleEventsInIdRange } from '../../db/queries/rules.ts';
import { insertRuleHits, selectCorrelationHits } from '../../db/repos/rule-hits.repo.ts';
import type { Detection } from '../../engines/detection/index.ts';
import { type CorrelationHit, evaluateCorrelation } from '../../engines/rules/correlation/index.ts';
import { correlationHitsOf } from '../../engines/rules/correlation-hits.ts';
import { correlationDetection, entityOfEvent, type RuleHitEvent, ruleDetections } from '../../engines/rules/rule-detections.ts';
import type { PlannedCorrelation } from '../../engines/rules/rule-plan.ts';
import type { RuleHit } from '../../engines/rules/runtime/index.ts';
import type { RuleEvent } from '../../engines/rules/types.ts';
import { loadOrgRules, type OrgRules } from './org-rule-plan.ts';
import { ruleEventOfRow } from './rule-events.ts';

/** Bound on stored hits one correlation reads per pass. */
export const MAX_CORRELATION_HITS = 50_000;

export type RulePass = { detections: Detection[]; eventTimes: Map<number, Date>; scanned: number; matches: number };

/**
 * The organisation's enabled rules over one detection pass's events (ids after the cursor, through the last one read):
 * each rule's own alerts, and every correlation evaluated over its stored hits (this pass's included) so its windows
 * do not depend on how events were batched.
 */
export async function evaluateOrgRules(trx: Executor, orgId: OrgId, range: { afterId: number; throughId: number }): Promise<RulePass> {
  const rules = await loadOrgRules(trx, orgId);
  const eventTimes = new Map<number, Date>();
  if (rules.plan.detections.size === 0) return { detections: [], eventTimes, scanned: 0, matches: 0 };
  const rows = await selectRuleEventsInIdRange(trx, orgId, range.afterId, range.throughId);
  const events = rows.map(ruleEventOfRow);
  const ids = rows.map((row) => Number(row.id));
  for (const row of rows) eventTimes.set(Number(row.id), row.occurred_at);
  const hits = rules.plan.ruleSet.match(events);
  const detections = ownAlerts(rules, hits, events, ids);
  for (const correlation of rules.plan.correlations) {
    detections.push(
      ...(await correlate(
        trx,
        orgId,
        rules,
        correlation,
        correlationHitsOf(correlation, hits, events, (index) => ids[index] as number),
        eventTimes,
      )),
    );
  }
  return { detections, eventTimes, scanned: events.length, matches: hits.length };
}

function ownAlerts(rules: OrgRules, hits: readonly RuleHit[], events: readonly RuleEvent[], ids: readonly number[]): Detection[] {
  const byRule = new Map<string, RuleHitEvent[]>();
  for (const hit of hits) {
    if (!rules.plan.alerting.has(hit.key)) continue;
    const event = events[hit.eventIndex] as RuleEvent;
    const rule = rules.plan.detections.get(hit.key);
    const list = byRule.get(hit.key) ?? [];
    list.push({
      eventId: ids[hit.eventIndex] as number,
      occurredAt: event.occurredAt,
      entity: entityOfEvent(event),
      selections: rule?.explain(event).selections ?? [],
    });
    byRule.set(hit.key, list);
  }
  return [...byRule].flatMap(([key, list]) => {
    const identity = rules.identities.get(key);
    return identity ? ruleDetections(identity, list) : [];
  });
}

async function correlate(
  trx: Executor,
  orgId: OrgId,
  rules: OrgRules,
  correlation: PlannedCorrelation,
  fresh: readonly CorrelationHit[],
  eventTimes: Map<number, Date>,
): Promise<Detection[]> {
  const identity = rules.identities.get(correlation.key);
  if (fresh.length === 0 || !identity) return [];
  await insertRuleHits(
    trx,
    orgId,
    fresh.map((hit) => ({
      ruleId: hit.ruleKey,
      eventId: hit.eventId,
      occurredAt: hit.occurredAt,
      correlationId: correlation.key,
      group: JSON.stringify(hit.group),
      value: hit.value,
    })),
  );
  const times = fresh.map((hit) => hit.occurredAt.getTime());
  const span = correlation.spec.timespanMs;
  const stored = await selectCorrelationHits(trx, orgId, {
    correlationId: correlation.key,
    ruleIds: correlation.spec.rules,
    groups: [...new Set(fresh.map((hit) => JSON.stringify(hit.group)))],
    from: new Date(Math.min(...times) - span),
    to: new Date(Math.max(...times) + span),
    limit: MAX_CORRELATION_HITS,
  });
  const all: CorrelationHit[] = stored.map((hit) => ({
    ruleKey: hit.rule_id,
    eventId: hit.event_id,
    occurredAt: hit.occurred_at,
    group: JSON.parse(hit.group) as string[],
    value: hit.value,
  }));
  for (const hit of stored) eventTimes.set(hit.event_id, hit.occurred_at);
  const freshIds = new Set(fresh.map((hit) => hit.eventId));
  const groupBy = correlation.spec.groupBy.map(({ field }) => field);
  const condition = conditionText(correlation.spec.condition);
  return evaluateCorrelation(correlation.spec, all)
    .filter((match) => match.eventIds.some((id) => freshIds.has(id)))
    .map((match) => correlationDetection(identity, groupBy, match, condition));
}

function conditionText(condition: PlannedCorrelation['spec']['condition']): string {
  const parts = (['gt', 'gte', 'lt', 'lte', 'eq'] as const).flatMap((key) => (condition[key] === undefined ? [] : [`${key} ${condition[key]}`]));
  return parts.join(', ') || 'all rules';
}
