import type { CompiledFilter, Condition, FieldMapping, RuleEvent, RuleProblem } from '../types.ts';
import { logsourceOf, metaWithLink, type SigmaCompileOptions } from './compile-rule.ts';
import { compileDetection } from './detection.ts';
import { compilePredicate, createRunner } from './matcher.ts';
import type { SigmaFilterDocument } from './parse.ts';
import { entryOf, problemAt, type SigmaNode } from './yaml-tree.ts';

export function ruleRefs(node: SigmaNode | undefined): string[] | null {
  if (!node) return null;
  const items = node.kind === 'seq' ? node.items : [node];
  const refs = items.flatMap((item) => (item.kind === 'scalar' && typeof item.value === 'string' && item.value !== '' ? [item.value] : []));
  return refs.length === items.length && refs.length > 0 ? refs : null;
}

/**
 * A Sigma filter (sigma-filters-specification.md): its `filter.rules` name the rules it applies to (by id or name), and
 * `match` is true for an event of the filter's logsource that its selections and condition accept, i.e. one whose
 * matches of those rules are to be dropped.
 */
export function compileSigmaFilter(
  doc: SigmaFilterDocument,
  mapping: FieldMapping,
  options: SigmaCompileOptions = {},
): { filter: CompiledFilter } | { problems: RuleProblem[] } {
  const meta = metaWithLink(doc.meta, options.sourcePath);
  const rulesEntry = entryOf(doc.filter, 'rules');
  const rules = ruleRefs(rulesEntry?.value);
  if (!rules) return { problems: [problemAt('filter rules', 'filter.rules must list rule ids or names', rulesEntry?.keyPos ?? doc.pos)] };
  const logsource = logsourceOf(meta, mapping, entryOf(doc.tree, 'logsource')?.keyPos ?? doc.pos);
  if ('construct' in logsource) return { problems: [logsource] };
  const problems: RuleProblem[] = [];
  const detection = compileDetection(doc.filter, { logsource: meta.logsource, mapping, placeholders: options.placeholders ?? {}, problems }, ['rules']);
  if (!detection) return { problems };
  const condition: Condition = { type: 'and', items: [logsource.condition, detection.condition] };
  const predicate = compilePredicate(condition);
  const run = createRunner();
  return { filter: { meta, rules, match: (event: RuleEvent) => run(predicate, event) } };
}
