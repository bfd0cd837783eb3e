/** OpenSearch query DSL as plain JSON: the compiler's output is data, sent as it is by the service. */
export type Dsl = { [key: string]: DslValue };
export type DslValue = string | number | boolean | null | Dsl | DslValue[];

export const matchNone = (): Dsl => ({ match_none: {} });
export const mustNot = (clause: Dsl): Dsl => ({ bool: { must_not: [clause] } });

/** Conjunction, flattening nested conjunctions so `a and b and c` is one list. */
export function allOf(clauses: Dsl[]): Dsl {
  const flat = clauses.flatMap((clause) => onlyBoolKey(clause, 'filter') ?? [clause]);
  return flat.length === 1 ? (flat[0] as Dsl) : { bool: { filter: flat } };
}

/** Disjunction, flattening nested disjunctions. */
export function anyOf(clauses: Dsl[]): Dsl {
  const flat = clauses.flatMap((clause) => onlyBoolKey(clause, 'should') ?? [clause]);
  return flat.length === 1 ? (flat[0] as Dsl) : { bool: { should: flat, minimum_should_match: 1 } };
}

function onlyBoolKey(clause: Dsl, key: 'filter' | 'should'): Dsl[] | null {
  const bool = clause.bool as Dsl | undefined;
  if (!bool || typeof bool !== 'object' || Array.isArray(bool)) return null;
  const keys = Object.keys(bool).filter((name) => name !== 'minimum_should_match');
  if (keys.length !== 1 || keys[0] !== key) return null;
  return bool[key] as Dsl[];
}
