import type { OrgServiceContext } from '../../core/context.ts';
import { findRuleByPublicId, listRules, lockRuleByPublicId, type RuleKind } from '../../db/repos/rules.repo.ts';
import { MAX_LISTED_RULES } from './detection-rules.service.ts';
import { type LibraryRuleDto, type RuleSample, type RuleSeverity, toLibraryRuleDto } from './rule.dto.ts';
import { invalidRuleField, ruleNotFound } from './rule-errors.ts';
import { type RuleChangeDraft, updateCheckedRule } from './save-rule.ts';

export type LibraryRuleType = 'analytic' | 'correlation';
export type LibraryRuleFilter = {
  type?: LibraryRuleType | undefined;
  search?: string | undefined;
  severity?: RuleSeverity | undefined;
  enabled?: boolean | undefined;
};
export type LibraryRuleUpdate = { enabled?: boolean | undefined; rule?: string | undefined; tests?: RuleSample[] | undefined };

const kindsOf = (type: LibraryRuleType | undefined): RuleKind[] => (type ? [type] : ['analytic', 'correlation']);

/** GET /api/rules: analytic (Sigma detection) and correlation rules; search is on the title. */
export async function listLibraryRules(ctx: OrgServiceContext, filter: LibraryRuleFilter): Promise<LibraryRuleDto[]> {
  const rows = await listRules(
    ctx.deps.db,
    ctx.orgId,
    { kinds: kindsOf(filter.type), search: filter.search, severity: filter.severity, enabled: filter.enabled },
    MAX_LISTED_RULES,
  );
  return rows.map(toLibraryRuleDto);
}

export async function getLibraryRule(ctx: OrgServiceContext, ruleId: number, type: LibraryRuleType | undefined): Promise<LibraryRuleDto> {
  const row = await findRuleByPublicId(ctx.deps.db, ctx.orgId, ruleId, kindsOf(type));
  if (!row) throw ruleNotFound(ruleId);
  return toLibraryRuleDto(row);
}

/**
 * PATCH /api/rules/{id}: EventSec toggles `enabled`; Vigil also takes a new Sigma text (`rule`, a new version) and
 * tests. Enabling a rule that cannot run or whose tests fail is refused with the reason; a rule from a bundled pack
 * is read-only apart from enabling.
 */
export function updateLibraryRule(
  ctx: OrgServiceContext,
  ruleId: number,
  type: LibraryRuleType | undefined,
  update: LibraryRuleUpdate,
): Promise<LibraryRuleDto> {
  if (update.enabled === undefined && update.rule === undefined && update.tests === undefined)
    throw invalidRuleField('(body)', 'must contain enabled, rule or tests');
  return ctx.deps.db.transaction().execute(async (trx) => {
    const existing = await lockRuleByPublicId(trx, ctx.orgId, ruleId, kindsOf(type));
    if (!existing) throw ruleNotFound(ruleId);
    if (existing.pack !== null && (update.rule !== undefined || update.tests !== undefined)) {
      throw invalidRuleField('rule', `belongs to the bundled pack '${existing.pack}' and is read-only; only enabled can change`);
    }
    if (update.rule !== undefined && existing.format !== 'sigma') throw invalidRuleField('rule', 'only Sigma rules take a new rule text here');
    const change: RuleChangeDraft = {};
    if (update.enabled !== undefined) change.enabled = update.enabled;
    if (update.rule !== undefined) change.source = update.rule;
    if (update.tests !== undefined) change.tests = update.tests;
    return toLibraryRuleDto(await updateCheckedRule(trx, ctx, existing, change));
  });
}
