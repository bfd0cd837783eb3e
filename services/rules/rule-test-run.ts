import { VIGIL_MAPPING } from '../../engines/rules/mapping/index.ts';
import { type PlanInput, planRules } from '../../engines/rules/rule-plan.ts';
import { type RuleTestOutcome, runRuleOnEvents } from '../../engines/rules/test-run.ts';
import type { RuleProblem } from '../../engines/rules/types.ts';
import { normaliseTestEvents } from './rule-samples.ts';

/** Everything a rule test needs, as plain data (it crosses to a worker thread). */
export type RuleTestJob = { inputs: PlanInput[]; key: string; records: unknown[] };
export type RuleTestJobResult = { outcome: RuleTestOutcome } | { problems: RuleProblem[] };

/** The CPU part of a rule test: compile and wire the rules, normalise the events, run the rule. */
export function runRuleTest(job: RuleTestJob): RuleTestJobResult {
  const plan = planRules(job.inputs, VIGIL_MAPPING);
  const problems = plan.problems.get(job.key);
  if (problems) return { problems };
  const { events, errors } = normaliseTestEvents(job.records, new Date());
  return { outcome: runRuleOnEvents(plan, job.key, events, errors) };
}
