import { type ConditionIssue, type ConditionResult, evaluateConditions, type ParsedConditions, parseConditions } from './conditions.ts';
import { type CompiledExpression, compileExpression, evaluateExpression } from './expression.ts';
import { levelRank, type TriggerFacts } from './facts.ts';

/** A trigger's matching part, checked: its conditions and its compiled expression. */
export type TriggerMatcher = { conditions: ParsedConditions; expression: CompiledExpression | null };

/** Validates conditions and expression together: every issue names its field (`conditions.<key>`, `expression`). */
export function compileMatcher(conditions: unknown, expression: string | null): { matcher: TriggerMatcher | null; issues: ConditionIssue[] } {
  const { parsed, issues } = parseConditions(conditions);
  let compiled: CompiledExpression | null = null;
  if (expression !== null) {
    const result = compileExpression(expression);
    if ('problem' in result) issues.push({ path: 'expression', message: result.problem.message });
    else compiled = result.compiled;
  }
  return issues.length > 0 || parsed === null ? { matcher: null, issues } : { matcher: { conditions: parsed, expression: compiled }, issues: [] };
}

export type TriggerEvaluation = {
  matched: boolean;
  conditions: ConditionResult[];
  expression: { source: string; held: boolean; error: string | null } | null;
};

/** AND over every present condition and the expression; an empty trigger (no condition, no expression) matches every change. */
export function evaluateTrigger(matcher: TriggerMatcher, facts: TriggerFacts): TriggerEvaluation {
  const conditions = evaluateConditions(matcher.conditions, facts);
  const expression = matcher.expression ? { source: matcher.expression.source, ...evaluateExpression(matcher.expression, facts) } : null;
  return { matched: conditions.every((result) => result.held) && (expression?.held ?? true), conditions, expression };
}

/** Highest priority first (critical > high > medium > low, by rank, not by spelling), then the oldest trigger. */
export function byPriority<T extends { priority: string; id: number }>(triggers: readonly T[]): T[] {
  return [...triggers].sort((a, b) => levelRank(b.priority) - levelRank(a.priority) || a.id - b.id);
}
