import { ruleRefs } from './compile-filter.ts';
import type { SigmaDocument } from './parse.ts';
import { entryOf } from './yaml-tree.ts';

/** The rules a document names (a correlation's `rules`, a filter's `filter.rules`), by Sigma id or name. */
export function namedRules(document: SigmaDocument): string[] {
  if (document.kind === 'correlation') return document.rules.map(({ ref }) => ref);
  if (document.kind === 'filter') return ruleRefs(entryOf(document.filter, 'rules')?.value) ?? [];
  return [];
}
