import type { OrgServiceContext } from '../../core/context.ts';
import { findRuleByPublicId, listRules, lockRuleByPublicId } from '../../db/repos/rules.repo.ts';
import { MAX_LISTED_RULES } from './detection-rules.service.ts';
import { type AnalyticsRuleDto, type RuleSample, type RuleSeverity, toAnalyticsRuleDto } from './rule.dto.ts';
import { invalidRuleField, ruleNotFound } from './rule-errors.ts';
import { insertCheckedRule, type RuleChangeDraft, updateCheckedRule } from './save-rule.ts';

export type AnalyticsRuleCreate = {
  name: string;
  description?: string | null | undefined;
  datasource?: string | null | undefined;
  severity: RuleSeverity;
  query: string;
  owner?: string | null | undefined;
  tests?: RuleSample[] | undefined;
};

/** PATCH: null and absent fields are left as they are (EventSec's behaviour). */
export type AnalyticsRuleUpdate = {
  description?: string | null | undefined;
  datasource?: string | null | undefined;
  severity?: RuleSeverity | null | undefined;
  status?: 'enabled' | 'disabled' | null | undefined;
  query?: string | null | undefined;
  owner?: string | null | undefined;
  tests?: RuleSample[] | null | undefined;
};

export async function listAnalyticsRules(ctx: OrgServiceContext): Promise<AnalyticsRuleDto[]> {
  return (await listRules(ctx.deps.db, ctx.orgId, { kinds: ['analytics'] }, MAX_LISTED_RULES)).map(toAnalyticsRuleDto);
}

export async function getAnalyticsRule(ctx: OrgServiceContext, ruleId: number): Promise<AnalyticsRuleDto> {
  const row = await findRuleByPublicId(ctx.deps.db, ctx.orgId, ruleId, ['analytics']);
  if (!row) throw ruleNotFound(ruleId);
  return toAnalyticsRuleDto(row);
}

/**
 * POST /analytics/rules: the query runs when it is a Sigma rule; any other text is kept, disabled, with the reason
 * (EventSec stored every analytics rule and ran none).
 */
export function createAnalyticsRule(ctx: OrgServiceContext, input: AnalyticsRuleCreate): Promise<AnalyticsRuleDto> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const row = await insertCheckedRule(trx, ctx, {
      kind: 'analytics',
      title: input.name,
      description: input.description ?? null,
      severity: input.severity,
      enabled: 'when_executable',
      format: 'text',
      source: input.query,
      body: { datasource: input.datasource ?? null, owner: input.owner ?? null },
      tests: input.tests ?? [],
      externalId: null,
      pack: null,
    });
    return toAnalyticsRuleDto(row);
  });
}

export function updateAnalyticsRule(ctx: OrgServiceContext, ruleId: number, update: AnalyticsRuleUpdate): Promise<AnalyticsRuleDto> {
  if (Object.values(update).every((value) => value == null)) throw invalidRuleField('(body)', 'must change at least one field');
  return ctx.deps.db.transaction().execute(async (trx) => {
    const existing = await lockRuleByPublicId(trx, ctx.orgId, ruleId, ['analytics']);
    if (!existing) throw ruleNotFound(ruleId);
    const body: Record<string, unknown> = {};
    if (update.datasource != null) body.datasource = update.datasource;
    if (update.owner != null) body.owner = update.owner;
    const change: RuleChangeDraft = { body };
    if (update.description != null) change.description = update.description;
    if (update.severity != null) change.severity = update.severity;
    if (update.status != null) change.enabled = update.status === 'enabled';
    if (update.query != null) change.source = update.query;
    if (update.tests != null) change.tests = update.tests;
    return toAnalyticsRuleDto(await updateCheckedRule(trx, ctx, existing, change));
  });
}
