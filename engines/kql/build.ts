import type {
  Expr,
  LiteralExpr,
  NamedExpr,
  NameExpr,
  ProjectOp,
  Query,
  SortKey,
  SortOp,
  Span,
  TabularExpr,
  TabularOperator,
  TabularSource,
  TakeOp,
  WhereOp,
} from './ast.ts';

/**
 * Builds KQL trees from code (the events list, the NLP translator, hunts) so that no user value is ever spliced into
 * query text: a value is a literal node, whatever characters it holds. Built nodes have no source text; they carry an
 * empty span at line 1, column 1.
 */

export type Value = string | number | boolean | Date;

const span = (): Span => ({ start: 0, end: 0, line: 1, column: 1 });

/** A literal: strings as `string`, integers as `long`, other numbers as `real`, booleans as `bool`, dates as `datetime`. */
export function lit(value: Value): LiteralExpr {
  if (typeof value === 'string') return { kind: 'literal', type: 'string', value, span: span() };
  if (typeof value === 'boolean') return { kind: 'literal', type: 'bool', value, span: span() };
  if (value instanceof Date) return { kind: 'literal', type: 'datetime', value: value.getTime(), span: span() };
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return { kind: 'literal', type: Number.isInteger(value) ? 'long' : 'real', value, span: span() };
}

export function column(name: string): NameExpr {
  return { kind: 'name', name, span: span() };
}

const binary = (op: 'and' | 'or' | '==' | 'contains', left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right, span: span() });

/** `Column == value` (case-sensitive for strings). */
export function eq(name: string, value: Value): Expr {
  return binary('==', column(name), lit(value));
}

/** `Column contains value`: a case-insensitive substring, taken literally. */
export function contains(name: string, value: string): Expr {
  return binary('contains', column(name), lit(value));
}

/** `Column in (v1, v2, …)` (case-sensitive). */
export function inValues(name: string, values: readonly Value[]): Expr {
  return { kind: 'set', op: 'in', left: column(name), values: values.map(lit), span: span() };
}

function chain(op: 'and' | 'or', operands: readonly Expr[]): Expr {
  const [first, ...rest] = operands;
  if (!first) throw new RangeError(`${op} needs at least one operand`);
  return rest.reduce((left, right) => binary(op, left, right), first);
}

export function and(...operands: Expr[]): Expr {
  return chain('and', operands);
}

export function or(...operands: Expr[]): Expr {
  return chain('or', operands);
}

export function where(predicate: Expr): WhereOp {
  return { kind: 'where', predicate, span: span() };
}

export function sortBy(...keys: { column: string; direction: 'asc' | 'desc' }[]): SortOp {
  const sortKeys: SortKey[] = keys.map((key) => ({ expr: column(key.column), direction: key.direction, nulls: null, span: span() }));
  return { kind: 'sort', keyword: 'sort', keys: sortKeys, span: span() };
}

export function take(count: number): TakeOp {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`take needs a non-negative integer, not ${count}`);
  return { kind: 'take', keyword: 'take', count: lit(count), span: span() };
}

export function project(...names: string[]): ProjectOp {
  const columns: NamedExpr[] = names.map((name) => ({ name: null, nameSpan: null, expr: column(name), span: span() }));
  return { kind: 'project', columns, span: span() };
}

export function table(name: string): TabularSource {
  return { kind: 'table', name, span: span() };
}

/** `source | op | op …` as a whole query (no `let`s). */
export function pipeline(source: TabularSource, ...operators: TabularOperator[]): Query {
  const body: TabularExpr = { kind: 'pipeline', source, operators, span: span() };
  return { lets: [], body, span: span() };
}
