import type { BinaryExpr, CallExpr, Expr, LetScalar, TabularExpr } from '../ast.ts';
import { fieldNotFound, typeError, unsupported } from './errors.ts';
import { FUNCTIONS, functionSignature, widerNumeric } from './functions.ts';
import { nearestNames } from './nearest.ts';
import { type CheckedQuery, type ExprType, findColumn, isNumeric, type Schema } from './types.ts';

export interface ExprScope {
  schema: Schema;
  /** Scalar lets visible here, by name. */
  lets: Map<string, LetScalar & { value: { kind: 'scalar'; expr: Expr } }>;
  /** Aggregation functions are allowed (inside summarize's aggregates). */
  aggregates: boolean;
  /** Checks a tabular operand (`x in (T | project y)`); returns its schema. */
  checkTabular: (query: TabularExpr) => Schema;
  out: CheckedQuery;
}

const STRING_LIKE: readonly ExprType[] = ['string', 'dynamic', 'null', 'guid'];
const COMPARABLE_AS_TEXT: readonly ExprType[] = ['string', 'dynamic', 'null', 'guid', 'long', 'int', 'real', 'decimal', 'bool', 'datetime', 'timespan'];

function record(scope: ExprScope, expr: Expr, type: ExprType): ExprType {
  scope.out.types.set(expr, type);
  return type;
}

export function checkExpr(expr: Expr, scope: ExprScope): ExprType {
  return record(scope, expr, typeOf(expr, scope));
}

function typeOf(expr: Expr, scope: ExprScope): ExprType {
  switch (expr.kind) {
    case 'literal':
      return expr.type;
    case 'name': {
      const column = findColumn(scope.schema, expr.name);
      if (column) {
        scope.out.names.set(expr, { kind: 'column' });
        return column.type;
      }
      const bound = scope.lets.get(expr.name);
      if (bound) {
        scope.out.names.set(expr, { kind: 'let', let: bound });
        return scope.out.types.get(bound.value.expr) ?? 'null';
      }
      throw fieldNotFound(expr.span, expr.name, [...scope.schema.map((c) => c.name), ...scope.lets.keys()]);
    }
    case 'member': {
      const target = checkExpr(expr.target, scope);
      if (target !== 'dynamic' && target !== 'null') throw typeError(expr.span, `'.${expr.name}' reads a property of a dynamic value, not of a ${target}`);
      return 'dynamic';
    }
    case 'index': {
      const target = checkExpr(expr.target, scope);
      const index = checkExpr(expr.index, scope);
      if (target !== 'dynamic' && target !== 'null') throw typeError(expr.span, `[…] reads an element of a dynamic value, not of a ${target}`);
      if (!['string', 'long', 'int', 'null'].includes(index)) throw typeError(expr.index.span, `an index must be a string or a number, not ${index}`);
      return 'dynamic';
    }
    case 'call':
      return typeOfCall(expr, scope);
    case 'unary': {
      const operand = checkExpr(expr.operand, scope);
      if (!isNumeric(operand) && operand !== 'timespan' && operand !== 'null')
        throw typeError(expr.span, `unary ${expr.op} needs a number or timespan, not ${operand}`);
      return operand;
    }
    case 'binary':
      return typeOfBinary(expr, scope);
    case 'set': {
      const left = checkExpr(expr.left, scope);
      const textual = expr.op === 'in~' || expr.op === '!in~' || expr.op === 'has_any' || expr.op === 'has_all';
      if (textual && !STRING_LIKE.includes(left)) throw typeError(expr.left.span, `${expr.op} compares strings, not ${left}`);
      if (Array.isArray(expr.values)) {
        for (const value of expr.values) {
          const type = value.kind === 'star' ? 'null' : checkExpr(value, scope);
          if (!comparable(left, type) && !(textual && STRING_LIKE.includes(type)))
            throw typeError(value.span, `${expr.op}: cannot compare ${left} with ${type}`);
        }
      } else {
        if (expr.op === 'has_any' || expr.op === 'has_all') throw unsupported(expr.span, `${expr.op} with a tabular operand`);
        const schema = scope.checkTabular(expr.values);
        const first = schema[0];
        if (!first) throw typeError(expr.span, `${expr.op}: the subquery has no column`);
        if (!comparable(left, first.type)) throw typeError(expr.span, `${expr.op}: cannot compare ${left} with the subquery's ${first.type} column`);
      }
      return 'bool';
    }
    case 'between': {
      const left = checkExpr(expr.left, scope);
      const low = checkExpr(expr.low, scope);
      const high = checkExpr(expr.high, scope);
      const ok = (other: ExprType) => comparable(left, other) || (left === 'datetime' && other === 'timespan');
      if (!['datetime', 'timespan', 'null', 'dynamic'].includes(left) && !isNumeric(left))
        throw typeError(expr.left.span, `between needs a number, datetime or timespan, not ${left}`);
      if (!ok(low) || !ok(high)) throw typeError(expr.span, `between: the range (${low} .. ${high}) does not fit a ${left}`);
      return 'bool';
    }
    case 'star':
      return 'string';
    case 'toscalar':
      throw unsupported(expr.span, 'toscalar()');
  }
}

function typeOfCall(call: CallExpr, scope: ExprScope): ExprType {
  const signature = functionSignature(call.name);
  if (!signature) {
    const suggestions = nearestNames(call.name, Object.keys(FUNCTIONS));
    const hint = suggestions.length > 0 ? ` (supported functions near it: ${suggestions.join(', ')})` : '';
    throw Object.assign(unsupported(call.span, `function ${call.name}()`, `is not supported${hint}`), {});
  }
  if (signature.kind === 'aggregate' && !scope.aggregates) {
    throw typeError(call.span, `${call.name}() is an aggregation function: use it in summarize`);
  }
  if (call.args.length < signature.min || call.args.length > signature.max) {
    const expected = signature.min === signature.max ? `${signature.min}` : `${signature.min} to ${signature.max}`;
    throw typeError(call.span, `${call.name}() takes ${expected} argument${signature.max === 1 ? '' : 's'}, not ${call.args.length}`);
  }
  // an aggregate's arguments are row expressions: no aggregate inside another
  const inner: ExprScope = signature.kind === 'aggregate' ? { ...scope, aggregates: false } : scope;
  const args = call.args.map((arg) => (arg.kind === 'star' ? record(inner, arg, 'null') : checkExpr(arg, inner)));
  if ((call.name === 'arg_max' || call.name === 'arg_min') && call.args[0]?.kind === 'star')
    throw typeError(call.span, `${call.name}(): the first argument is the expression to maximise`);
  return signature.result(args, call);
}

export function comparable(a: ExprType, b: ExprType): boolean {
  if (a === 'null' || b === 'null' || a === 'dynamic' || b === 'dynamic') return true;
  if (isNumeric(a) && isNumeric(b)) return true;
  if ((a === 'string' && b === 'guid') || (a === 'guid' && b === 'string')) return true;
  return a === b;
}

function typeOfBinary(expr: BinaryExpr, scope: ExprScope): ExprType {
  const left = checkExpr(expr.left, scope);
  const right = checkExpr(expr.right, scope);
  switch (expr.op) {
    case 'and':
    case 'or':
      for (const [side, type] of [
        [expr.left, left],
        [expr.right, right],
      ] as const) {
        if (type !== 'bool' && type !== 'null' && type !== 'dynamic') throw typeError(side.span, `${expr.op} needs booleans, not ${type}`);
      }
      return 'bool';
    case '==':
    case '!=':
    case '<>':
    case '<':
    case '<=':
    case '>':
    case '>=':
      if (!comparable(left, right)) throw typeError(expr.span, `cannot compare ${left} with ${right} using ${expr.op}`);
      return 'bool';
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
      return arithmetic(expr, left, right);
    case 'like':
    case '!like':
      throw unsupported(expr.span, `operator ${expr.op}`);
    default:
      if (!COMPARABLE_AS_TEXT.includes(left) || !STRING_LIKE.includes(right))
        throw typeError(expr.span, `${expr.op} compares text: ${left} ${expr.op} ${right}`);
      if (expr.op === 'matches regex' && !isConstantString(expr.right, scope)) throw unsupported(expr.right.span, 'matches regex with a non-constant pattern');
      return 'bool';
  }
}

function isConstantString(expr: Expr, scope: ExprScope): boolean {
  if (expr.kind === 'literal') return expr.type === 'string';
  if (expr.kind === 'name') {
    const binding = scope.out.names.get(expr);
    return binding?.kind === 'let' && isConstantString(binding.let.value.expr, scope);
  }
  return false;
}

function arithmetic(expr: BinaryExpr, left: ExprType, right: ExprType): ExprType {
  const op = expr.op;
  if (left === 'null' || right === 'null') return left === 'null' ? right : left;
  if (isNumeric(left) && isNumeric(right)) return op === '/' && (left === 'real' || right === 'real') ? 'real' : widerNumeric(left, right);
  if (left === 'datetime' && right === 'datetime' && op === '-') return 'timespan';
  if (left === 'datetime' && right === 'timespan' && (op === '+' || op === '-')) return 'datetime';
  if (left === 'timespan' && right === 'datetime' && op === '+') return 'datetime';
  if (left === 'timespan' && right === 'timespan') {
    if (op === '+' || op === '-' || op === '%') return 'timespan';
    if (op === '/') return 'real';
  }
  if (left === 'timespan' && isNumeric(right) && (op === '*' || op === '/')) return 'timespan';
  if (isNumeric(left) && right === 'timespan' && op === '*') return 'timespan';
  throw typeError(expr.span, `cannot apply ${op} to ${left} and ${right}`);
}
