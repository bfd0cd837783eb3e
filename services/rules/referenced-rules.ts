import type { Executor, OrgId } from '../../core/database.ts';
import { listRulesBySigmaRefs, type RuleRow } from '../../db/repos/rules.repo.ts';
import type { PlanInput } from '../../engines/rules/rule-plan.ts';
import { ruleInputOf } from './rule-input.ts';

/** The organisation's rules that correlations or filters name (by Sigma id or name), leaving out `except` (rule ids). */
export async function referencedRules(db: Executor, orgId: OrgId, refs: readonly string[], except: ReadonlySet<string>): Promise<RuleRow[]> {
  return (await listRulesBySigmaRefs(db, orgId, [...new Set(refs)])).filter((row) => !except.has(row.id));
}

/** Referenced rules as a plan takes them: they run for what names them, not on their own. */
export const asReferenced = (rows: readonly RuleRow[]): PlanInput[] => rows.map((row) => ({ input: ruleInputOf(row), enabled: false }));
