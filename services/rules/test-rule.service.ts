import { z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import { findRuleByPublicId, listRulesBySigmaRefs, RULE_KINDS } from '../../db/repos/rules.repo.ts';
import type { PlanInput } from '../../engines/rules/rule-plan.ts';
import { parseSigmaText, type SigmaMap, sigmaDocumentTexts } from '../../engines/rules/sigma/index.ts';
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

/** The rules a stored rule names (a correlation's or filter's references), read without compiling anything. */
function namedRefs(source: string): string[] {
  return parseSigmaText(source).documents.flatMap((document) =>
    document.kind === 'correlation' ? document.rules.map(({ ref }) => ref) : document.kind === 'filter' ? filterRefs(document.filter) : [],
  );
}

function filterRefs(filter: SigmaMap): string[] {
  const rules = filter.entries.find((entry) => entry.key === 'rules')?.value;
  const items = rules?.kind === 'seq' ? rules.items : rules ? [rules] : [];
  return items.flatMap((item) => (item.kind === 'scalar' && typeof item.value === 'string' ? [item.value] : []));
}

async function referencedInputs(ctx: OrgServiceContext, refs: readonly string[], except: ReadonlySet<string>): Promise<PlanInput[]> {
  const rows = await listRulesBySigmaRefs(ctx.deps.db, ctx.orgId, [...new Set(refs)]);
  return rows.filter((row) => !except.has(row.id)).map((row) => ({ input: ruleInputOf(row), enabled: false }));
}

async function inputsOfStored(ctx: OrgServiceContext, ruleId: number): Promise<TestInputs> {
  const row = await findRuleByPublicId(ctx.deps.db, ctx.orgId, ruleId, RULE_KINDS);
  if (!row) throw ruleNotFound(ruleId);
  const refs = row.format === 'conditions' ? [] : namedRefs(row.source);
  return { inputs: [{ input: ruleInputOf(row), enabled: true }, ...(await referencedInputs(ctx, refs, new Set([row.id])))], key: row.id, field: 'rule_id' };
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
  const named = namedRefs(text).filter((ref) => !own.has(ref));
  return { inputs: [...inputs, ...(await referencedInputs(ctx, named, new Set()))], key: `document-${target?.documentIndex ?? 0}`, field: 'rule' };
}
