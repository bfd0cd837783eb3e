import { evaluateCorrelation } from './correlation/index.ts';
import { correlationHitsOf } from './correlation-hits.ts';
import type { RulePlan } from './rule-plan.ts';
import type { RuleEvent } from './types.ts';

export type EventResult = { index: number; matched: boolean; selections: string[]; error?: string };
export type RuleTestOutcome = { match_count: number; results: EventResult[] };

/**
 * What one rule of a plan does to a list of events, as `POST /api/rules/test` answers it: for a detection rule,
 * each event with the selections that held (filters applied); for a correlation, its own matches over the events
 * as one stream, and each event marked when it takes part in one. `null` events could not be normalised.
 */
export function runRuleOnEvents(
  plan: RulePlan,
  key: string,
  events: ReadonlyArray<RuleEvent | null>,
  errors: ReadonlyMap<number, string> = new Map(),
): RuleTestOutcome {
  const usable: RuleEvent[] = [];
  const indexOf: number[] = [];
  events.forEach((event, index) => {
    if (event === null) return;
    usable.push(event);
    indexOf.push(index);
  });
  const results: EventResult[] = events.map((_, index) => {
    const error = errors.get(index);
    return error === undefined ? { index, matched: false, selections: [] } : { index, matched: false, selections: [], error };
  });
  const hits = plan.ruleSet.match(usable);

  const correlation = plan.correlations.find((candidate) => candidate.key === key);
  if (correlation) {
    const matches = evaluateCorrelation(
      correlation.spec,
      correlationHitsOf(correlation, hits, usable, (i) => indexOf[i] as number),
    );
    const titles = new Map([...plan.detections].map(([ruleKey, rule]) => [ruleKey, rule.meta.title]));
    for (const hit of hits) {
      if (!correlation.spec.rules.includes(hit.key)) continue;
      const result = results[indexOf[hit.eventIndex] as number] as EventResult;
      result.selections.push(titles.get(hit.key) ?? hit.key);
    }
    for (const match of matches) for (const id of match.eventIds) (results[id] as EventResult).matched = true;
    return { match_count: matches.length, results };
  }

  const rule = plan.detections.get(key);
  if (!rule) return { match_count: 0, results };
  let count = 0;
  for (const hit of hits) {
    if (hit.key !== key) continue;
    const index = indexOf[hit.eventIndex] as number;
    const result = results[index] as EventResult;
    result.matched = true;
    result.selections = rule.explain(usable[hit.eventIndex] as RuleEvent).selections;
    count++;
  }
  return { match_count: count, results };
}
