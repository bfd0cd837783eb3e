import type { OrgServiceContext } from '../../core/context.ts';
import { listRules, lockRuleByPublicId } from '../../db/repos/rules.repo.ts';
import { MAX_LISTED_RULES } from './detection-rules.service.ts';
import { type BiocRuleDto, type RuleSample, type RuleSeverity, toBiocRuleDto } from './rule.dto.ts';
import { invalidRuleField, ruleNotFound } from './rule-errors.ts';
import { insertCheckedRule, type RuleChangeDraft, updateCheckedRule } from './save-rule.ts';

export type BiocCreate = {
  name: string;
  description?: string | null | undefined;
  platform?: string | null | undefined;
  tactic?: string | null | undefined;
  technique?: string | null | undefined;
  detection_logic: string;
  severity: RuleSeverity;
  tags: string[];
  tests?: RuleSample[] | undefined;
};
export type BiocUpdate = {
  name?: string | null | undefined;
  description?: string | null | undefined;
  platform?: string | null | undefined;
  tactic?: string | null | undefined;
  technique?: string | null | undefined;
  detection_logic?: string | null | undefined;
  severity?: RuleSeverity | null | undefined;
  tags?: string[] | null | undefined;
  status?: 'enabled' | 'disabled' | null | undefined;
  tests?: RuleSample[] | null | undefined;
};

export async function listBiocs(ctx: OrgServiceContext): Promise<BiocRuleDto[]> {
  return (await listRules(ctx.deps.db, ctx.orgId, { kinds: ['bioc'] }, MAX_LISTED_RULES)).map(toBiocRuleDto);
}

/** POST /biocs: behavioural rules on agent events; detection_logic runs when it is Sigma YAML, else is kept disabled. */
export function createBioc(ctx: OrgServiceContext, input: BiocCreate): Promise<BiocRuleDto> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const row = await insertCheckedRule(trx, ctx, {
      kind: 'bioc',
      title: input.name,
      description: input.description ?? null,
      severity: input.severity,
      enabled: 'when_executable',
      format: 'text',
      source: input.detection_logic,
      body: { platform: input.platform ?? null, tactic: input.tactic ?? null, technique: input.technique ?? null, tags: input.tags },
      tests: input.tests ?? [],
      externalId: null,
      pack: null,
    });
    return toBiocRuleDto(row);
  });
}

export function updateBioc(ctx: OrgServiceContext, ruleId: number, update: BiocUpdate): Promise<BiocRuleDto> {
  if (Object.values(update).every((value) => value == null)) throw invalidRuleField('(body)', 'must change at least one field');
  return ctx.deps.db.transaction().execute(async (trx) => {
    const existing = await lockRuleByPublicId(trx, ctx.orgId, ruleId, ['bioc']);
    if (!existing) throw ruleNotFound(ruleId);
    const body: Record<string, unknown> = {};
    for (const key of ['platform', 'tactic', 'technique', 'tags'] as const) if (update[key] != null) body[key] = update[key];
    const change: RuleChangeDraft = { body };
    if (update.name != null) change.title = update.name;
    if (update.description != null) change.description = update.description;
    if (update.severity != null) change.severity = update.severity;
    if (update.status != null) change.enabled = update.status === 'enabled';
    if (update.detection_logic != null) change.source = update.detection_logic;
    if (update.tests != null) change.tests = update.tests;
    return toBiocRuleDto(await updateCheckedRule(trx, ctx, existing, change));
  });
}
