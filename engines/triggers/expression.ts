import { Environment, type ParseResult } from '@marcbachmann/cel-js';
import type { TriggerFacts } from './facts.ts';

/**
 * A trigger's CEL expression (Common Expression Language: no loops, no recursion, no I/O), for conditions the
 * keys cannot say. It sees `incident` (the fields below) and `change` ('created', 'updated', 'escalated' or
 * 'simulation') and must yield a bool. Limits: 2000 characters, 300 syntax nodes, nesting depth 24, literal lists
 * and maps of 50; no comprehension (all, exists, exists_one, map, filter) inside another; no `matches` (a
 * backtracking regular expression; use contains, startsWith, endsWith or the pattern_match key).
 */
export const EXPRESSION_VARIABLES = {
  id: 'int',
  title: 'string',
  severity: 'string',
  escalation_level: 'string',
  risk_score: 'double',
  threat_category: 'string',
  reason: 'string',
  src_ip: 'string',
  status: 'string',
  event_count: 'int',
  alert_count: 'int',
  tags: 'list<string>',
  mitre: 'list<string>',
  sources: 'list<string>',
  created_at: 'string',
  updated_at: 'string',
} as const;

export const MAX_EXPRESSION_LENGTH = 2000;
const COMPREHENSIONS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);
const FORBIDDEN_FUNCTIONS: Readonly<Record<string, string>> = {
  matches: 'matches() is not available (backtracking regular expressions); use contains, startsWith, endsWith or the pattern_match key',
};

const environment = new Environment({
  limits: { maxAstNodes: 300, maxDepth: 24, maxListElements: 50, maxMapEntries: 50, maxCallArguments: 8 },
})
  .registerVariable({ name: 'incident', schema: { ...EXPRESSION_VARIABLES } })
  .registerVariable('change', 'string');

export type CompiledExpression = { source: string; program: ParseResult };
export type ExpressionProblem = { message: string };

type Node = { op: string; args: unknown };

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).op === 'string' && 'args' in value;
}

/** The first rule the tree breaks (a forbidden function, a comprehension inside another), if any. */
function structuralProblem(node: unknown, insideComprehension: boolean): string | null {
  if (Array.isArray(node)) {
    for (const child of node) {
      const problem = structuralProblem(child, insideComprehension);
      if (problem) return problem;
    }
    return null;
  }
  if (!isNode(node)) return null;
  let inside = insideComprehension;
  if ((node.op === 'call' || node.op === 'rcall') && Array.isArray(node.args) && typeof node.args[0] === 'string') {
    const name = node.args[0];
    const forbidden = FORBIDDEN_FUNCTIONS[name];
    if (forbidden) return forbidden;
    if (node.op === 'rcall' && COMPREHENSIONS.has(name)) {
      if (insideComprehension) return `${name}() inside another comprehension is not allowed (evaluation limit)`;
      inside = true;
    }
  }
  return structuralProblem(node.args, inside);
}

const cache = new Map<string, CompiledExpression>();
const CACHE_SIZE = 500;

/** Parses and type-checks an expression; the problem names what is wrong (syntax, types, a limit). */
export function compileExpression(source: string): { compiled: CompiledExpression } | { problem: ExpressionProblem } {
  const cached = cache.get(source);
  if (cached) return { compiled: cached };
  if (source.trim() === '') return { problem: { message: 'must not be empty' } };
  if (source.length > MAX_EXPRESSION_LENGTH) return { problem: { message: `must be at most ${MAX_EXPRESSION_LENGTH} characters` } };
  let program: ParseResult;
  try {
    program = environment.parse(source);
  } catch (error) {
    return { problem: { message: firstLine(error) } };
  }
  const checked = program.check();
  if (!checked.valid) return { problem: { message: firstLine(checked.error) } };
  if (checked.type !== 'bool') return { problem: { message: `must be a bool expression (this one is ${checked.type})` } };
  const structural = structuralProblem(program.ast, false);
  if (structural) return { problem: { message: structural } };
  const compiled = { source, program };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(source, compiled);
  return { compiled };
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.trim() || 'invalid expression';
}

/** The values CEL sees: integers as BigInt (CEL ints), everything else as the facts have it. */
export function expressionContext(facts: TriggerFacts): Record<string, unknown> {
  const { incident } = facts;
  return {
    change: facts.change,
    incident: {
      ...incident,
      id: BigInt(incident.id),
      event_count: BigInt(incident.event_count),
      alert_count: BigInt(incident.alert_count),
      tags: [...incident.tags],
      mitre: [...incident.mitre],
      sources: [...incident.sources],
    },
  };
}

export type ExpressionResult = { held: boolean; error: string | null };

/** Runs a compiled expression; an evaluation error (a missing list element, a division by zero) is "did not hold", with the reason. */
export function evaluateExpression(compiled: CompiledExpression, facts: TriggerFacts): ExpressionResult {
  try {
    const value = compiled.program(expressionContext(facts));
    return value === true ? { held: true, error: null } : { held: false, error: typeof value === 'boolean' ? null : 'did not yield a bool' };
  } catch (error) {
    return { held: false, error: firstLine(error) };
  }
}
