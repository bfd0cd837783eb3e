import { compileEventSecConditions } from './eventsec-conditions.ts';
import { compileSigmaFilter, compileSigmaRule, parseSigmaText, type SigmaCorrelationDocument } from './sigma/index.ts';
import { compilePredicate, createRunner } from './sigma/matcher.ts';
import { anyLiteral } from './sigma/prefilter.ts';
import type { CompiledFilter, CompiledRule, Condition, FieldMapping, RuleEvent, RuleLevel, RuleMeta, RuleProblem } from './types.ts';

export type RuleFormat = 'sigma' | 'conditions' | 'text';

/** One stored rule as the engine needs it: `key` is Vigil's rule id; title and level are used when the source has none. */
export type RuleInput = { key: string; format: RuleFormat; source: string; conditions?: unknown; title: string; level: RuleLevel };

/** What a rule compiles to. `refs` are the names other Sigma documents (correlations, filters) may use for it. */
export type RuleProgram =
  | { kind: 'detection'; key: string; refs: string[]; rule: CompiledRule }
  | { kind: 'correlation'; key: string; refs: string[]; document: SigmaCorrelationDocument }
  | { kind: 'filter'; key: string; refs: string[]; filter: CompiledFilter };

export type CompileResult = { program: RuleProgram } | { problems: RuleProblem[] };

/** The rules a compiled program names (a correlation counts them, a filter drops their matches). */
export function namedRulesOf(program: RuleProgram): string[] {
  if (program.kind === 'correlation') return program.document.rules.map(({ ref }) => ref);
  return program.kind === 'filter' ? program.filter.rules : [];
}

const NOT_SIGMA =
  'the query is not a Sigma rule; analytics and BIOC rules run when their query or detection_logic is Sigma YAML (other query languages are stored, not executed)';

/** Compiles one stored rule. Every failure is a list of problems naming the construct and, for Sigma, the line. */
export function compileRuleInput(input: RuleInput, mapping: FieldMapping): CompileResult {
  if (input.format === 'conditions') return compileConditionsInput(input);
  const parsed = parseSigmaText(input.source);
  if (parsed.problems.length > 0) {
    if (input.format === 'text' && parsed.documents.length === 0 && !looksLikeSigma(input.source)) return { problems: [problem('query', NOT_SIGMA)] };
    return { problems: parsed.problems.map(({ documentIndex: _, ...rest }) => rest) };
  }
  if (parsed.documents.length === 0)
    return { problems: [problem(input.format === 'text' ? 'query' : 'sigma', input.format === 'text' ? NOT_SIGMA : 'the text holds no Sigma document')] };
  if (parsed.documents.length > 1)
    return { problems: [problem('sigma', 'one Sigma document per rule: import multi-document YAML through POST /api/rules/import')] };
  const document = parsed.documents[0] as (typeof parsed.documents)[number];
  const refs = [document.meta.id, document.meta.name].filter((ref): ref is string => typeof ref === 'string' && ref !== '');
  if (document.kind === 'correlation') return { program: { kind: 'correlation', key: input.key, refs, document } };
  if (document.kind === 'filter') {
    const compiled = compileSigmaFilter(document, mapping);
    return 'problems' in compiled ? compiled : { program: { kind: 'filter', key: input.key, refs, filter: compiled.filter } };
  }
  const compiled = compileSigmaRule(document, mapping);
  return 'problems' in compiled ? compiled : { program: { kind: 'detection', key: input.key, refs, rule: compiled.rule } };
}

function looksLikeSigma(source: string): boolean {
  return /^\s*(detection|logsource|correlation)\s*:/m.test(source);
}

function compileConditionsInput(input: RuleInput): CompileResult {
  const compiled = compileEventSecConditions(input.conditions);
  if ('problems' in compiled) return compiled;
  const meta: RuleMeta = {
    id: input.key,
    name: null,
    title: input.title,
    description: null,
    author: null,
    references: [],
    link: null,
    license: null,
    status: null,
    level: input.level,
    tags: [],
    falsepositives: [],
    logsource: {},
  };
  return { program: { kind: 'detection', key: input.key, refs: [], rule: conditionRule(meta, compiled.condition) } };
}

/** A CompiledRule over a Condition that needs no logsource (EventSec conditions read the event as it arrived). */
export function conditionRule(meta: RuleMeta, condition: Condition): CompiledRule {
  const predicate = compilePredicate(condition);
  const run = createRunner();
  return {
    meta,
    condition,
    prefilter: { logsourceKeys: [], anyLiteral: anyLiteral(condition) },
    match: (event: RuleEvent) => run(predicate, event),
    explain: (event: RuleEvent) => {
      const matched = run(predicate, event);
      return { matched, selections: matched ? ['conditions'] : [] };
    },
  };
}

const problem = (construct: string, message: string): RuleProblem => ({ construct, message, line: null, column: null });
