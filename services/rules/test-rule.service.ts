import { z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import { findRuleByPublicId, listRulesBySigmaRefs, RULE_KINDS } from '../../db/repos/rules.repo.ts';
import { VIGIL_MAPPING } from '../../engines/rules/mapping/index.ts';
import { type PlanInput, planRules, type RulePlan } from '../../engines/rules/rule-plan.ts';
import { parseSigmaText, sigmaDocumentTexts } from '../../engines/rules/sigma/index.ts';
import { runRuleOnEvents } from '../../engines/rules/test-run.ts';
import { checkRule } from './rule-check.ts';
import { invalidRuleField, ruleNotFound, ruleNotRunnable } from './rule-errors.ts';
import { ruleInputOf } from './rule-input.ts';
import { normaliseTestEvents } from './rule-samples.ts';

export const MAX_TEST_EVENTS = 1000;

export const ZRuleTestResult = z.object({
  match_count: z.number().int().describe('events the rule matched; for a correlation, its own matches'),
  results: z.array(
    z.object({
      index: z.number().int(),
      matched: z.boolean().describe('for a correlation: the event takes part in one of its matches'),
      selections: z.array(z.string()).describe('the selections that held (for a correlation: the referenced rules the event matched)'),
      error: z.string().optional().describe('why the event could not be normalised'),
    }),
  ),
});
export type RuleTestResult = z.infer<typeof ZRuleTestResult>;

export type RuleTestInput = { rule?: string | undefined; rule_id?: number | undefined; events: unknown[] };

/**
 * POST /api/rules/test: a Sigma text (one or many documents; with a correlation, the correlation is what is tested) or
 * a stored rule, run over raw events normalised as ingest normalises them, with live semantics. Rules the text names
 * but does not hold are taken from the organisation.
 */
export async function testRule(ctx: OrgServiceContext, input: RuleTestInput): Promise<RuleTestResult> {
  if ((input.rule === undefined) === (input.rule_id === undefined)) throw invalidRuleField('rule', 'give exactly one of rule (Sigma YAML) and rule_id');
  const { plan, key } = input.rule !== undefined ? await planOfText(ctx, input.rule) : await planOfStored(ctx, input.rule_id as number);
  const { events, errors } = normaliseTestEvents(input.events, new Date());
  return runRuleOnEvents(plan, key, events, errors);
}

async function planOfStored(ctx: OrgServiceContext, ruleId: number): Promise<{ plan: RulePlan; key: string }> {
  const row = await findRuleByPublicId(ctx.deps.db, ctx.orgId, ruleId, RULE_KINDS);
  if (!row) throw ruleNotFound(ruleId);
  const check = await checkRule(ctx.deps.db, ctx.orgId, ruleInputOf(row));
  if (!check.plan || !check.executable) throw ruleNotRunnable('rule_id', check.problems);
  return { plan: check.plan, key: row.id };
}

async function planOfText(ctx: OrgServiceContext, text: string): Promise<{ plan: RulePlan; key: string }> {
  const parsed = parseSigmaText(text);
  if (parsed.problems.length > 0) throw ruleNotRunnable('rule', parsed.problems);
  if (parsed.documents.length === 0) throw invalidRuleField('rule', 'holds no Sigma document');
  const texts = sigmaDocumentTexts(text);
  const inputs: PlanInput[] = parsed.documents.map((document) => ({
    input: {
      key: `document-${document.documentIndex}`,
      format: 'sigma',
      source: texts[document.documentIndex]?.text ?? '',
      title: document.meta.title,
      level: document.meta.level,
    },
    enabled: true,
  }));
  const target =
    parsed.documents.findLast((document) => document.kind === 'correlation') ??
    parsed.documents.find((document) => document.kind === 'rule') ??
    parsed.documents[0];
  const key = `document-${target?.documentIndex ?? 0}`;
  const own = new Set(parsed.documents.flatMap((document) => [document.meta.id, document.meta.name ?? '']));
  const named = parsed.documents.flatMap((document) => (document.kind === 'correlation' ? document.rules.map(({ ref }) => ref) : []));
  const referenced = await listRulesBySigmaRefs(
    ctx.deps.db,
    ctx.orgId,
    named.filter((ref) => !own.has(ref)),
  );
  const plan = planRules([...inputs, ...referenced.map((row) => ({ input: ruleInputOf(row), enabled: false }))], VIGIL_MAPPING);
  const problems = plan.problems.get(key);
  if (problems) throw ruleNotRunnable('rule', problems);
  return { plan, key };
}
