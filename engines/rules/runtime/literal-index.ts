import AhoCorasick from 'modern-ahocorasick';

/** Marks, for one text, the rules of which some literal occurs in it. */
export type LiteralIndex = {
  /** the shortest literal: strings shorter than this cannot hold one */
  minLength: number;
  /** sets `marks[rule] = epoch` for every rule with a literal in `text` */
  mark(text: string, marks: Uint32Array, epoch: number): void;
};

/**
 * One Aho-Corasick automaton over the literals of every rule (`literalsByRule[i]` for rule i; null = no literal set,
 * the rule is always a candidate and is not indexed here). Each distinct literal is one pattern.
 */
export function buildLiteralIndex(literalsByRule: ReadonlyArray<readonly string[] | null>): LiteralIndex {
  const rulesByLiteral = new Map<string, number[]>();
  literalsByRule.forEach((literals, rule) => {
    for (const literal of literals ?? []) {
      const rules = rulesByLiteral.get(literal);
      if (rules) rules.push(rule);
      else rulesByLiteral.set(literal, [rule]);
    }
  });
  const patterns = [...rulesByLiteral.keys()].filter((literal) => literal !== '');
  if (patterns.length === 0) return { minLength: Number.POSITIVE_INFINITY, mark: () => {} };
  const rulesOfPattern = patterns.map((pattern) => rulesByLiteral.get(pattern) as number[]);
  const automaton = new AhoCorasick(patterns);
  const seen = new Uint32Array(patterns.length);
  let scan = 0;
  return {
    minLength: Math.min(...patterns.map((pattern) => pattern.length)),
    mark(text, marks, epoch) {
      scan = (scan + 1) >>> 0 || 1;
      for (const { patternIndex } of automaton.iterate(text)) {
        if (seen[patternIndex] === scan) continue;
        seen[patternIndex] = scan;
        for (const rule of rulesOfPattern[patternIndex] as number[]) marks[rule] = epoch;
      }
    },
  };
}
