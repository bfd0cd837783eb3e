import { buildAsciiAutomaton } from './ascii-automaton.ts';

/** Which rules have every literal set they need present in a text. */
export type LiteralIndex = {
  /** the shortest literal: strings shorter than this cannot hold one */
  minLength: number;
  /** sets `marks[rule] = epoch` for every rule with at least one requirement, all of them met in `text` */
  mark(text: string, marks: Uint32Array, epoch: number): void;
};

/**
 * One Aho-Corasick automaton over the literals of every rule (lower-cased printable ASCII). `requirementsByRule[i]` are
 * the literal sets rule i needs (each: at least one literal of it occurs); a rule with none is not indexed here. The
 * automaton is ascii-automaton.ts rather than modern-ahocorasick: that library matches grapheme clusters and
 * allocates a match per occurrence, ~100 ns per character on SigmaHQ's 15k literals against ~15 here.
 */
export function buildLiteralIndex(requirementsByRule: ReadonlyArray<readonly (readonly string[])[]>): LiteralIndex {
  const ruleOfRequirement: number[] = [];
  const needed = Int32Array.from(requirementsByRule, (requirements) => requirements.length);
  const requirementsByLiteral = new Map<string, number[]>();
  requirementsByRule.forEach((requirements, rule) => {
    for (const literals of requirements) {
      const requirement = ruleOfRequirement.length;
      ruleOfRequirement.push(rule);
      for (const literal of new Set(literals)) {
        const list = requirementsByLiteral.get(literal);
        if (list) list.push(requirement);
        else requirementsByLiteral.set(literal, [requirement]);
      }
    }
  });
  const patterns = [...requirementsByLiteral.keys()];
  if (patterns.length === 0) return { minLength: Number.POSITIVE_INFINITY, mark: () => {} };
  const requirementsOfPattern = patterns.map((pattern) => requirementsByLiteral.get(pattern) as number[]);
  const automaton = buildAsciiAutomaton(patterns);
  const found: number[] = [];
  const met = new Uint32Array(ruleOfRequirement.length);
  const metCount = new Int32Array(requirementsByRule.length);
  const counted = new Uint32Array(requirementsByRule.length);
  let scan = 0;
  return {
    minLength: Math.min(...patterns.map((pattern) => pattern.length)),
    mark(text, marks, epoch) {
      scan = (scan + 1) >>> 0;
      if (scan === 0) {
        met.fill(0);
        counted.fill(0);
        scan = 1;
      }
      found.length = 0;
      automaton.scan(text, found);
      for (const pattern of found)
        for (const requirement of requirementsOfPattern[pattern] as number[]) {
          if (met[requirement] === scan) continue;
          met[requirement] = scan;
          const rule = ruleOfRequirement[requirement] as number;
          if (counted[rule] !== scan) {
            counted[rule] = scan;
            metCount[rule] = 0;
          }
          metCount[rule] = (metCount[rule] as number) + 1;
          if (metCount[rule] === needed[rule]) marks[rule] = epoch;
        }
    },
  };
}
