import { anyLiteral } from '../sigma/prefilter.ts';
import type { CompiledRule, Condition } from '../types.ts';

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;
/**
 * A requirement whose literals are listed by more requirements than this in total is common: every event holding one
 * of them costs a walk over all of those lists, and it narrows little (the logsource's own literals, `\cmd.exe`).
 */
const COMMON_REQUIREMENTS = 200;

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

/**
 * Per rule, the requirements worth checking: the uncommon ones, or else the least common one. Dropping a requirement
 * only lets more rules through to their predicate, so hits stay the same; what it saves is the walk over a common
 * literal's requirement lists on nearly every event.
 */
export function selectiveRequirements(requirementsByRule: ReadonlyArray<readonly (readonly string[])[]>): string[][][] {
  const listed = new Map<string, number>();
  for (const requirements of requirementsByRule)
    for (const literals of requirements) for (const literal of new Set(literals)) listed.set(literal, (listed.get(literal) ?? 0) + 1);
  const cost = (literals: readonly string[]) => [...new Set(literals)].reduce((sum, literal) => sum + (listed.get(literal) ?? 0), 0);
  return requirementsByRule.map((requirements) => {
    const ranked = requirements.map((literals) => ({ literals: [...literals], cost: cost(literals) })).sort((a, b) => a.cost - b.cost);
    const uncommon = ranked.filter((requirement) => requirement.cost <= COMMON_REQUIREMENTS);
    return (uncommon.length > 0 ? uncommon : ranked.slice(0, 1)).map((requirement) => requirement.literals);
  });
}
