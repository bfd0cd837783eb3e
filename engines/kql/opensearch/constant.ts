import type { Expr, ScalarType } from '../ast.ts';
import { unsupported } from './errors.ts';

export type Constant = { type: ScalarType | 'null'; value: unknown };

/** What a constant may refer to: the query's scalar `let`s and the instant the query is compiled at. */
export type ConstantScope = { lets: ReadonlyMap<string, Expr>; now: Date };

const MAX_LET_DEPTH = 32;

/**
 * Folds an expression the backend must see as a value (the right side of a comparison, a bin size, a take count):
 * literals, scalar `let`s, `ago()`, `now()`, `datetime()`, unary minus and datetime ± timespan.
 */
export function constantOf(expr: Expr, scope: ConstantScope, depth = 0): Constant {
  switch (expr.kind) {
    case 'literal':
      return { type: expr.type, value: expr.value };
    case 'name': {
      const bound = scope.lets.get(expr.name);
      if (!bound || depth > MAX_LET_DEPTH) break;
      return constantOf(bound, scope, depth + 1);
    }
    case 'unary': {
      const operand = constantOf(expr.operand, scope, depth);
      if (expr.op === '+') return operand;
      if (typeof operand.value === 'number') return { type: operand.type, value: -operand.value };
      if (typeof operand.value === 'bigint') return { type: operand.type, value: -operand.value };
      break;
    }
    case 'call':
      return callConstant(expr, scope, depth);
    case 'binary':
      return arithmeticConstant(expr, scope, depth);
  }
  throw unsupported(describe(expr), expr.span, 'the OpenSearch backend compares columns only with constants');
}

function callConstant(expr: Extract<Expr, { kind: 'call' }>, scope: ConstantScope, depth: number): Constant {
  const args = expr.args.map((arg) => constantOf(arg, scope, depth));
  const now = scope.now.getTime();
  if (expr.name === 'now' && args.length === 0) return { type: 'datetime', value: now };
  if (expr.name === 'now' && args[0]?.type === 'timespan') return { type: 'datetime', value: now + Number(args[0].value) };
  if (expr.name === 'ago' && args[0]?.type === 'timespan') return { type: 'datetime', value: now - Number(args[0].value) };
  if ((expr.name === 'datetime' || expr.name === 'todatetime') && args[0]?.type === 'string') {
    const parsed = Date.parse(String(args[0].value));
    if (!Number.isNaN(parsed)) return { type: 'datetime', value: parsed };
  }
  if (expr.name === 'datetime' && args[0]?.type === 'datetime') return args[0];
  if (expr.name === 'tostring' && args[0]) return { type: 'string', value: String(args[0].value) };
  throw unsupported(`${expr.name}()`, expr.span, 'the OpenSearch backend folds only ago(), now(), datetime() and tostring() of constants');
}

function arithmeticConstant(expr: Extract<Expr, { kind: 'binary' }>, scope: ConstantScope, depth: number): Constant {
  if (expr.op !== '+' && expr.op !== '-') throw unsupported(expr.op, expr.span, 'the OpenSearch backend folds only datetime ± timespan');
  const left = constantOf(expr.left, scope, depth);
  const right = constantOf(expr.right, scope, depth);
  const sign = expr.op === '+' ? 1 : -1;
  if (left.type === 'datetime' && right.type === 'timespan') return { type: 'datetime', value: Number(left.value) + sign * Number(right.value) };
  if (left.type === 'timespan' && right.type === 'timespan') return { type: 'timespan', value: Number(left.value) + sign * Number(right.value) };
  if (typeof left.value === 'number' && typeof right.value === 'number' && left.type === right.type)
    return { type: left.type, value: left.value + sign * right.value };
  throw unsupported(expr.op, expr.span, 'the OpenSearch backend folds only datetime ± timespan and numbers of one type');
}

function describe(expr: Expr): string {
  if (expr.kind === 'call') return `${expr.name}()`;
  if (expr.kind === 'name') return expr.name;
  return `${expr.kind} expression`;
}
