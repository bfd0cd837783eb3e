import type { CompiledRule, Condition, FieldMapping, RuleEvent, RuleMeta, RuleProblem } from '../types.ts';
import { compileDetection } from './detection.ts';
import { compilePredicate, createRunner, sharedPredicate } from './matcher.ts';
import { sigmaHqLink } from './meta.ts';
import type { SigmaRuleDocument } from './parse.ts';
import { anyLiteral } from './prefilter.ts';
import { problemAt } from './yaml-tree.ts';

export type SigmaCompileOptions = {
  /** values for `|expand` placeholders (`%Administrators%` → its list); an unresolved placeholder rejects the rule */
  placeholders?: Record<string, readonly string[]>;
  /** where the rule was read from; under SigmaHQ's rules folders (`rules`, `rules-…`) the rule links to github.com/SigmaHQ/sigma */
  sourcePath?: string;
};

/** The mapping's condition for the logsource, or the reason the rule cannot run here. */
export function logsourceOf(meta: RuleMeta, mapping: FieldMapping, pos: SigmaRuleDocument['pos']): { condition: Condition; keys: string[] } | RuleProblem {
  const answer = mapping.logsource(meta.logsource);
  if ('unsupported' in answer) return problemAt('logsource', answer.unsupported, pos);
  return answer;
}

export function metaWithLink(meta: RuleMeta, sourcePath: string | undefined): RuleMeta {
  if (sourcePath === undefined) return meta;
  return { ...meta, link: sigmaHqLink(sourcePath) ?? meta.references[0] ?? null };
}

/**
 * A detection rule compiled into closures: the logsource's condition (from the mapping) AND the detection. The
 * prefilter's literals come from the detection alone; the logsource is the index's business (logsourceKeys).
 */
export function compileSigmaRule(
  doc: SigmaRuleDocument,
  mapping: FieldMapping,
  options: SigmaCompileOptions = {},
): { rule: CompiledRule } | { problems: RuleProblem[] } {
  const meta = metaWithLink(doc.meta, options.sourcePath);
  const logsourcePos = doc.tree.entries.find(({ key }) => key === 'logsource')?.keyPos ?? doc.pos;
  const logsource = logsourceOf(meta, mapping, logsourcePos);
  if ('construct' in logsource) return { problems: [logsource] };
  const problems: RuleProblem[] = [];
  const detection = compileDetection(doc.detection, { logsource: meta.logsource, mapping, placeholders: options.placeholders ?? {}, problems });
  if (!detection) return { problems };

  const condition: Condition = { type: 'and', items: [logsource.condition, detection.condition] };
  let predicate: ReturnType<typeof compilePredicate>;
  let logsourceHolds: ReturnType<typeof sharedPredicate>;
  let selections: Array<{ name: string; predicate: ReturnType<typeof compilePredicate> }>;
  try {
    predicate = compilePredicate(detection.condition);
    logsourceHolds = sharedPredicate(logsource.condition);
    selections = detection.selections.map(({ name, condition: selection }) => ({ name, predicate: compilePredicate(selection) }));
  } catch (error) {
    return { problems: [problemAt('mapping', error instanceof Error ? error.message : String(error), logsourcePos)] };
  }
  const run = createRunner();
  return {
    rule: {
      meta,
      condition,
      prefilter: { logsourceKeys: logsource.keys, anyLiteral: anyLiteral(detection.condition) },
      match: (event: RuleEvent) => logsourceHolds(event) && run(predicate, event),
      explain: (event: RuleEvent) => {
        const inLogsource = logsourceHolds(event);
        const matched = inLogsource && run(predicate, event);
        const held = inLogsource ? selections.filter((selection) => run(selection.predicate, event)).map(({ name }) => name) : [];
        return { matched, selections: held };
      },
    },
  };
}
