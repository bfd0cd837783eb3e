import type { Condition, RuleProblem } from '../types.ts';
import { type ConditionExpr, matchesPattern, parseCondition } from './condition-parser.ts';
import { type SelectionContext, selectionCondition } from './selection.ts';
import { problemAt, type SigmaMap, type SigmaScalar, type SourcePos } from './yaml-tree.ts';

/** `N of` with 1 < N < all expands to an OR of ANDs; beyond this many combinations the rule is refused. */
const MAX_COMBINATIONS = 256;

export type CompiledDetection = {
  condition: Condition;
  /** the search identifiers the condition uses, in order of first use, with their conditions (for explain) */
  selections: Array<{ name: string; condition: Condition }>;
};

function combinations<T>(items: T[], size: number): T[][] {
  if (size === 0) return [[]];
  const out: T[][] = [];
  items.forEach((item, index) => {
    for (const rest of combinations(items.slice(index + 1), size - 1)) out.push([item, ...rest]);
  });
  return out;
}

function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}

type Resolver = {
  selections: Map<string, Condition>;
  used: Map<string, Condition>;
  problems: RuleProblem[];
  at(offset: number): SourcePos;
};

function resolve(expr: ConditionExpr, resolver: Resolver): Condition | null {
  switch (expr.type) {
    case 'and':
    case 'or': {
      const items = expr.items.map((item) => resolve(item, resolver));
      return items.every((item): item is Condition => item !== null) ? { type: expr.type, items } : null;
    }
    case 'not': {
      const item = resolve(expr.item, resolver);
      return item ? { type: 'not', item } : null;
    }
    case 'ref': {
      const condition = resolver.selections.get(expr.name);
      if (!condition) {
        resolver.problems.push(
          problemAt('search identifier', `the condition names '${expr.name}', which the detection does not define`, resolver.at(expr.offset)),
        );
        return null;
      }
      resolver.used.set(expr.name, condition);
      return condition;
    }
    case 'of':
      return resolveQuantifier(expr, resolver);
  }
}

function resolveQuantifier(expr: Extract<ConditionExpr, { type: 'of' }>, resolver: Resolver): Condition | null {
  const { pattern, count } = expr;
  const names = [...resolver.selections.keys()].filter((name) => (pattern === null ? !name.startsWith('_') : matchesPattern(pattern, name)));
  const label = `${count} of ${pattern ?? 'them'}`;
  if (names.length === 0) {
    resolver.problems.push(problemAt('search identifier', `'${label}' matches no search identifier`, resolver.at(expr.offset)));
    return null;
  }
  const conditions = names.map((name) => {
    const condition = resolver.selections.get(name) as Condition;
    resolver.used.set(name, condition);
    return condition;
  });
  const single = (type: 'and' | 'or'): Condition => (conditions.length === 1 ? (conditions[0] as Condition) : { type, items: conditions });
  if (count === 'all' || count === conditions.length) return single('and');
  if (count === 1) return single('or');
  if (count > conditions.length) {
    resolver.problems.push(
      problemAt('condition', `'${label}' needs more search identifiers than the ${conditions.length} it matches`, resolver.at(expr.offset)),
    );
    return null;
  }
  if (binomial(conditions.length, count) > MAX_COMBINATIONS) {
    resolver.problems.push(problemAt('condition', `'${label}' expands to more than ${MAX_COMBINATIONS} combinations`, resolver.at(expr.offset)));
    return null;
  }
  return { type: 'or', items: combinations(conditions, count).map((items) => ({ type: 'and', items })) };
}

function conditionScalars(detection: SigmaMap, problems: RuleProblem[]): SigmaScalar[] {
  const entry = detection.entries.find(({ key }) => key === 'condition');
  if (!entry) {
    problems.push(problemAt('condition', 'detection has no condition', detection.pos));
    return [];
  }
  const items = entry.value.kind === 'seq' ? entry.value.items : [entry.value];
  const scalars = items.filter((item): item is SigmaScalar => item.kind === 'scalar' && typeof item.value === 'string');
  if (scalars.length !== items.length || scalars.length === 0)
    problems.push(problemAt('condition', 'the condition must be a string or a list of strings', entry.keyPos));
  return scalars;
}

/**
 * A detection section (or a filter's) as one Condition: each search identifier compiled, the condition string(s)
 * parsed and resolved against them (a list of conditions is an OR). Problems are appended; null on any problem.
 */
export function compileDetection(detection: SigmaMap, context: SelectionContext, ignoredKeys: readonly string[] = []): CompiledDetection | null {
  const before = context.problems.length;
  const selections = new Map<string, Condition>();
  for (const entry of detection.entries) {
    if (entry.key === 'condition' || ignoredKeys.includes(entry.key)) continue;
    if (entry.key === 'timeframe') {
      context.problems.push(problemAt('timeframe', 'timeframe belongs to the old aggregation syntax; use a correlation rule', entry.keyPos));
      continue;
    }
    const condition = selectionCondition(entry.value, context);
    if (condition) selections.set(entry.key, condition);
  }
  const scalars = conditionScalars(detection, context.problems);
  if (context.problems.length > before) return null;

  const used = new Map<string, Condition>();
  const branches: Condition[] = [];
  for (const scalar of scalars) {
    const text = scalar.value as string;
    const quote = scalar.quoted ? 1 : 0;
    const at = (offset: number): SourcePos => ({ line: scalar.pos.line, column: scalar.pos.column + quote + offset });
    const expr = parseCondition(text);
    if ('message' in expr) {
      context.problems.push(problemAt('condition', expr.message, at(expr.offset)));
      continue;
    }
    const condition = resolve(expr, { selections, used, problems: context.problems, at });
    if (condition) branches.push(condition);
  }
  if (context.problems.length > before) return null;
  return {
    condition: branches.length === 1 ? (branches[0] as Condition) : { type: 'or', items: branches },
    selections: [...used].map(([name, condition]) => ({ name, condition })),
  };
}
