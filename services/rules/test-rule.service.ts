import { z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import { findRuleByPublicId, RULE_KINDS } from '../../db/repos/rules.repo.ts';
import type { PlanInput } from '../../engines/rules/rule-plan.ts';
import { namedRules, parseSigmaText, sigmaDocumentTexts } from '../../engines/rules/sigma/index.ts';
import { asReferenced, referencedRules } from './referenced-rules.ts';
import { invalidRuleField, ruleNotFound, ruleNotRunnable } from './rule-errors.ts';
import { ruleInputOf } from './rule-input.ts';
import { runRuleTestOffThread } from './rule-test-pool.ts';

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
 * but does not hold are taken from the organisation. Compiling and running happen on the rule-test thread pool.
 */
export async function testRule(ctx: OrgServiceContext, input: RuleTestInput): Promise<RuleTestResult> {
  if ((input.rule === undefined) === (input.rule_id === undefined)) throw invalidRuleField('rule', 'give exactly one of rule (Sigma YAML) and rule_id');
  const { inputs, key, field } = input.rule !== undefined ? await inputsOfText(ctx, input.rule) : await inputsOfStored(ctx, input.rule_id as number);
  const result = await runRuleTestOffThread({ inputs, key, records: input.events });
  if ('problems' in result) throw ruleNotRunnable(field, result.problems);
  return result.outcome;
}

type TestInputs = { inputs: PlanInput[]; key: string; field: string };

async function inputsOfStored(ctx: OrgServiceContext, ruleId: number): Promise<TestInputs> {
  const row = await findRuleByPublicId(ctx.deps.db, ctx.orgId, ruleId, RULE_KINDS);
  if (!row) throw ruleNotFound(ruleId);
  // reading a stored rule's references needs only its parse, not a compile (that happens on the test thread)
  const refs = row.format === 'conditions' ? [] : parseSigmaText(row.source).documents.flatMap(namedRules);
  const referenced = await referencedRules(ctx.deps.db, ctx.orgId, refs, new Set([row.id]));
  return { inputs: [{ input: ruleInputOf(row), enabled: true }, ...asReferenced(referenced)], key: row.id, field: 'rule_id' };
}

async function inputsOfText(ctx: OrgServiceContext, text: string): Promise<TestInputs> {
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
  const own = new Set(parsed.documents.flatMap((document) => [document.meta.id, document.meta.name ?? '']));
  const named = parsed.documents.flatMap(namedRules).filter((ref) => !own.has(ref));
  const referenced = await referencedRules(ctx.deps.db, ctx.orgId, named, new Set());
  return { inputs: [...inputs, ...asReferenced(referenced)], key: `document-${target?.documentIndex ?? 0}`, field: 'rule' };
}
