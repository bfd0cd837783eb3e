import type { RulePlan } from '../../engines/rules/rule-plan.ts';
import { runRuleOnEvents } from '../../engines/rules/test-run.ts';
import type { RuleEvent } from '../../engines/rules/types.ts';
import type { RuleSample } from './rule.dto.ts';
import { ruleEventOfRecord } from './rule-events.ts';

export type FailingSample = { index: number; name: string | null; expected: boolean; matched: boolean; reason: string };

/** Normalises raw events for a rule run; an event that cannot be normalised is null, with its reason. */
export function normaliseTestEvents(records: readonly unknown[], receivedAt: Date): { events: Array<RuleEvent | null>; errors: Map<number, string> } {
  const errors = new Map<number, string>();
  const events = records.map((record, index) => {
    const result = ruleEventOfRecord(record, receivedAt);
    if ('event' in result) return result.event;
    errors.set(index, `the event cannot be normalised (${result.error})`);
    return null;
  });
  return { events, errors };
}

/**
 * The samples the rule gets wrong. Samples run as one stream, so a correlation's samples say which events must (or
 * must not) take part in one of its matches.
 */
export function failingSamples(plan: RulePlan, key: string, samples: readonly RuleSample[], now: Date): FailingSample[] {
  if (samples.length === 0) return [];
  const { events, errors } = normaliseTestEvents(
    samples.map((sample) => sample.event),
    now,
  );
  const outcome = runRuleOnEvents(plan, key, events, errors);
  const failing: FailingSample[] = [];
  samples.forEach((sample, index) => {
    const result = outcome.results[index];
    const matched = result?.matched ?? false;
    const error = errors.get(index);
    if (error === undefined && matched === sample.match) return;
    const reason =
      error ??
      (sample.match
        ? 'expected a match; the rule did not match it'
        : `expected no match; the rule matched it (${result?.selections.join(', ') || 'no selection named'})`);
    failing.push({ index, name: sample.name ?? null, expected: sample.match, matched, reason });
  });
  return failing;
}
