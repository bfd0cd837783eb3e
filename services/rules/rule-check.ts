import type { Executor, OrgId } from '../../core/database.ts';
import { VIGIL_MAPPING } from '../../engines/rules/mapping/index.ts';
import { compileRuleInput, namedRulesOf, type RuleInput, type RuleProgram } from '../../engines/rules/program.ts';
import { planRules, type RulePlan } from '../../engines/rules/rule-plan.ts';
import type { RuleProblem } from '../../engines/rules/types.ts';
import { asReferenced, referencedRules } from './referenced-rules.ts';

export type RuleCheck = { executable: boolean; problems: RuleProblem[]; program: RuleProgram | null; plan: RulePlan | null };

/**
 * Whether a rule can run in this organisation: it compiles against the field mapping and, for a correlation, every
 * rule it references exists here. The plan holds the rule (enabled) and what it references, for its tests.
 */
export async function checkRule(db: Executor, orgId: OrgId, input: RuleInput): Promise<RuleCheck> {
  const compiled = compileRuleInput(input, VIGIL_MAPPING);
  if ('problems' in compiled) return { executable: false, problems: compiled.problems, program: null, plan: null };
  const { program } = compiled;
  const referenced = await referencedRules(db, orgId, namedRulesOf(program), new Set([input.key]));
  const plan = planRules([{ input, enabled: true }, ...asReferenced(referenced)], VIGIL_MAPPING, new Map([[input.key, compiled]]));
  const problems = plan.problems.get(input.key);
  if (problems) return { executable: false, problems, program, plan };
  return { executable: true, problems: [], program, plan };
}
