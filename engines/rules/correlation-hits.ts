import { type CorrelationHit, correlationValues } from './correlation/index.ts';
import type { PlannedCorrelation } from './rule-plan.ts';
import type { RuleHit } from './runtime/index.ts';
import type { RuleEvent } from './types.ts';

/**
 * The hits a correlation counts among one batch's rule hits: those of its referenced rules whose events carry every
 * group-by field. `idOf` gives the stored id of an event (its index in a test run).
 */
export function correlationHitsOf(
  correlation: PlannedCorrelation,
  hits: readonly RuleHit[],
  events: readonly RuleEvent[],
  idOf: (eventIndex: number) => number,
): CorrelationHit[] {
  const referenced = new Set(correlation.spec.rules);
  const out: CorrelationHit[] = [];
  for (const hit of hits) {
    if (!referenced.has(hit.key)) continue;
    const event = events[hit.eventIndex] as RuleEvent;
    const { group, value } = correlationValues(correlation.spec, hit.key, event);
    if (group === null) continue;
    out.push({ ruleKey: hit.key, eventId: idOf(hit.eventIndex), occurredAt: event.occurredAt, group, value });
  }
  return out;
}
