import { anyLiteral } from '../sigma/prefilter.ts';
import type { CompiledRule, Condition } from '../types.ts';

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/** The items of nested top-level ANDs: each must hold for the rule to match. */
function conjuncts(condition: Condition): Condition[] {
  return condition.type === 'and' ? condition.items.flatMap(conjuncts) : [condition];
}

const scannable = (literals: readonly string[] | null): literals is string[] =>
  literals !== null && literals.length > 0 && literals.every((literal) => PRINTABLE_ASCII.test(literal));

/**
 * The literal sets a rule needs, every one of them: from one set of each item of its top-level AND (so a rule with a
 * common literal in one selection and a rare one in another waits for both), plus the compiled prefilter's own set.
 * Only sets the scan text can hold (printable ASCII) count; an empty answer means the rule is always a candidate.
 */
export function literalRequirements(rule: CompiledRule): string[][] {
  const sets = [rule.prefilter.anyLiteral, ...conjuncts(rule.condition).map(anyLiteral)].filter(scannable);
  const unique = new Map(sets.map((set) => [JSON.stringify([...set].sort()), set]));
  return [...unique.values()];
}
