import type { Expr, JoinOp, MvExpandOp, NamedExpr, ParseOp, ProjectReorderOp, ScalarType, SortKey, SummarizeOp, TabularOperator } from '../ast.ts';
import { fieldNotFound, typeError, unsupported } from './errors.ts';
import { checkExpr, comparable, type ExprScope } from './expr.ts';
import { aggregateName, explicitOrDerived, NameSet } from './names.ts';
import { type Column, findColumn, type Schema, type SummarizeColumn } from './types.ts';

export type Scope = Omit<ExprScope, 'schema' | 'aggregates'>;

const SUPPORTED_JOINS = new Set(['inner', 'innerunique', 'leftouter', 'leftanti', 'leftsemi']);

const exprScope = (scope: Scope, schema: Schema, aggregates = false): ExprScope => ({ ...scope, schema, aggregates });

/** `Event*` style patterns of project-away/keep/reorder. */
export function patternMatches(pattern: string, name: string): boolean {
  if (!pattern.includes('*')) return pattern === name;
  const parts = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`).test(name);
}

function matching(schema: Schema, pattern: { pattern: string; span: Expr['span'] }): Column[] {
  const found = schema.filter((column) => patternMatches(pattern.pattern, column.name));
  if (found.length === 0 && !pattern.pattern.includes('*'))
    throw fieldNotFound(
      pattern.span,
      pattern.pattern,
      schema.map((c) => c.name),
    );
  return found;
}

function typeOrThrow(type: ReturnType<typeof checkExpr>, at: Expr): ScalarType {
  // an untyped null column is a string column full of nulls (Kusto types it so too)
  if (type === 'null') return 'string';
  void at;
  return type;
}

/** project (base empty) or extend (base = the input; each expression sees the columns extended before it). */
function projected(scope: Scope, schema: Schema, columns: NamedExpr[], base: Column[]): Column[] {
  const out = [...base];
  const names = new NameSet(out.map((c) => c.name));
  for (const named of columns) {
    const type = typeOrThrow(checkExpr(named.expr, exprScope(scope, base.length > 0 ? out : schema)), named.expr);
    const wanted = explicitOrDerived(named);
    let name: string;
    const existing = wanted === null ? -1 : out.findIndex((c) => c.name === wanted);
    if (wanted !== null && existing >= 0) {
      name = wanted;
      out[existing] = { name, type };
    } else {
      name = wanted === null ? names.fresh() : names.claim(wanted);
      out.push({ name, type });
    }
    scope.out.outputNames.set(named, name);
  }
  return out;
}

function sortKeys(scope: Scope, schema: Schema, keys: SortKey[]): void {
  for (const key of keys) {
    const type = checkExpr(key.expr, exprScope(scope, schema));
    if (type === 'dynamic') throw typeError(key.expr.span, 'cannot sort by a dynamic value: convert it first (tostring, tolong…)');
  }
}

function constantCount(scope: Scope, expr: Expr): void {
  const type = checkExpr(expr, exprScope(scope, []));
  if (type !== 'long' && type !== 'int') throw typeError(expr.span, `a row count must be a whole number, not ${type}`);
}

function summarize(scope: Scope, schema: Schema, op: SummarizeOp): Column[] {
  const shape: SummarizeColumn[] = [];
  const out: Column[] = [];
  const names = new NameSet();
  for (const named of op.by) {
    const type = checkExpr(named.expr, exprScope(scope, schema));
    if (type === 'dynamic') throw typeError(named.expr.span, 'cannot group by a dynamic value: convert it first (tostring, tolong…)');
    const wanted = explicitOrDerived(named);
    const name = wanted === null ? names.fresh() : names.claim(wanted);
    scope.out.outputNames.set(named, name);
    shape.push({ kind: 'by', name, named });
    out.push({ name, type: typeOrThrow(type, named.expr) });
  }
  for (const named of op.aggregates) {
    const type = checkExpr(named.expr, exprScope(scope, schema, true));
    if (!containsAggregate(named.expr)) throw typeError(named.expr.span, 'summarize needs an aggregation (count(), sum(x), …) here');
    const call = named.expr;
    if (call.kind === 'call' && (call.name === 'arg_max' || call.name === 'arg_min')) {
      argColumns(scope, schema, named, call, names, shape, out, new Set(op.by.map((b) => scope.out.outputNames.get(b) ?? '')));
      continue;
    }
    const name = named.name ? names.claim(named.name) : names.claim(aggregateName(named.expr) ?? 'Column1');
    scope.out.outputNames.set(named, name);
    shape.push({ kind: 'aggregate', name, named });
    out.push({ name, type: typeOrThrow(type, named.expr) });
  }
  scope.out.summarizeShapes.set(op, shape);
  return out;
}

function containsAggregate(expr: Expr): boolean {
  switch (expr.kind) {
    case 'call':
      return (
        [
          'count',
          'countif',
          'dcount',
          'dcountif',
          'sum',
          'sumif',
          'avg',
          'min',
          'max',
          'make_set',
          'make_list',
          'take_any',
          'any',
          'percentile',
          'stdev',
          'variance',
          'arg_max',
          'arg_min',
        ].includes(expr.name) || expr.args.some(containsAggregate)
      );
    case 'binary':
      return containsAggregate(expr.left) || containsAggregate(expr.right);
    case 'unary':
      return containsAggregate(expr.operand);
    default:
      return false;
  }
}

function argColumns(
  scope: Scope,
  schema: Schema,
  named: NamedExpr,
  call: Extract<Expr, { kind: 'call' }>,
  names: NameSet,
  shape: SummarizeColumn[],
  out: Column[],
  byNames: Set<string>,
): void {
  const [value, ...carried] = call.args;
  if (!value) return;
  const valueName = names.claim(named.name ?? explicitOrDerived({ name: null, nameSpan: null, expr: value, span: value.span }) ?? `${call.name}_`);
  scope.out.outputNames.set(named, valueName);
  shape.push({ kind: 'arg-value', name: valueName, call });
  out.push({ name: valueName, type: typeOrThrow(scope.out.types.get(value) ?? 'null', value) });
  for (const arg of carried) {
    if (arg.kind === 'star') {
      for (const column of schema) {
        if (byNames.has(column.name) || column.name === valueName || names.has(column.name)) continue;
        const name = names.claim(column.name);
        shape.push({ kind: 'arg-column', name, call, source: column.name });
        out.push({ name, type: column.type });
      }
      continue;
    }
    const name = names.claim(explicitOrDerived({ name: null, nameSpan: null, expr: arg, span: arg.span }) ?? `${call.name}_arg`);
    shape.push({ kind: 'arg-column', name, call, source: arg });
    out.push({ name, type: typeOrThrow(scope.out.types.get(arg) ?? 'null', arg) });
  }
}

function join(scope: Scope, schema: Schema, op: JoinOp): Column[] {
  const kind = op.joinKind ?? 'innerunique';
  if (!SUPPORTED_JOINS.has(kind))
    throw unsupported(op.span, `join kind=${kind}`, 'is not supported (inner, innerunique, leftouter, leftanti and leftsemi are)');
  const right = scope.checkTabular(op.right);
  if (op.on.length === 0) throw typeError(op.span, 'join needs equality keys: on Column or on $left.A == $right.B');
  for (const key of op.on) {
    const left = findColumn(schema, key.left);
    const other = findColumn(right, key.right);
    if (!left)
      throw fieldNotFound(
        key.span,
        key.left,
        schema.map((c) => c.name),
      );
    if (!other)
      throw fieldNotFound(
        key.span,
        key.right,
        right.map((c) => c.name),
      );
    if (!comparable(left.type, other.type) || left.type === 'dynamic' || other.type === 'dynamic')
      throw typeError(key.span, `join keys ${key.left} (${left.type}) and ${key.right} (${other.type}) cannot be compared`);
  }
  if (kind === 'leftanti' || kind === 'leftsemi') {
    scope.out.joinShapes.set(op, { left: schema, right, rightNames: right.map(() => null) });
    return [...schema];
  }
  const names = new NameSet(schema.map((c) => c.name));
  const rightNames = right.map((column) => names.claim(column.name));
  scope.out.joinShapes.set(op, { left: schema, right, rightNames });
  return [...schema, ...right.map((column, index) => ({ name: rightNames[index] as string, type: column.type }))];
}

function mvExpand(scope: Scope, schema: Schema, op: MvExpandOp): Column[] {
  const out = [...schema];
  for (const item of op.columns) {
    const type = checkExpr(item.expr, exprScope(scope, schema));
    if (type !== 'dynamic' && type !== 'null') throw typeError(item.expr.span, `mv-expand expands a dynamic array or bag, not a ${type}`);
    const name =
      item.name ?? (item.expr.kind === 'name' ? item.expr.name : explicitOrDerived({ name: null, nameSpan: null, expr: item.expr, span: item.span }));
    if (name === null) throw typeError(item.expr.span, 'mv-expand of an expression needs a name: mv-expand Name = expr');
    scope.out.expandNames.set(item, name);
    const column = { name, type: item.toType ?? ('dynamic' as ScalarType) };
    const existing = out.findIndex((c) => c.name === name);
    if (existing >= 0) out[existing] = column;
    else out.push(column);
  }
  if (op.limit) constantCount(scope, op.limit);
  return out;
}

function parse(scope: Scope, schema: Schema, op: ParseOp): Column[] {
  if (op.parseKind !== 'simple') throw unsupported(op.span, `parse kind=${op.parseKind}`, 'is not supported (the simple kind is)');
  checkExpr(op.source, exprScope(scope, schema));
  const out = [...schema];
  for (const part of op.pattern) {
    if (part.kind !== 'capture' || part.column === null) continue;
    const column = { name: part.column, type: part.type ?? ('string' as ScalarType) };
    if (!['string', 'long', 'int', 'real', 'datetime', 'timespan', 'bool'].includes(column.type))
      throw unsupported(part.span, `parse into a ${column.type} column`);
    const existing = out.findIndex((c) => c.name === column.name);
    if (existing >= 0) out[existing] = column;
    else out.push(column);
  }
  return out;
}

function reorder(schema: Schema, op: ProjectReorderOp): Column[] {
  const first: Column[] = [];
  for (const item of op.columns) {
    const found = matching(schema, item).filter((column) => !first.includes(column));
    if (item.direction === 'asc' || item.direction === 'granny-asc') found.sort((a, b) => a.name.localeCompare(b.name));
    if (item.direction === 'desc' || item.direction === 'granny-desc') found.sort((a, b) => b.name.localeCompare(a.name));
    first.push(...found);
  }
  return [...first, ...schema.filter((column) => !first.includes(column))];
}

/** The schema after `op`, given the schema before it; records names and types on `scope.out`. */
export function checkOperator(scope: Scope, schema: Schema, op: TabularOperator): Schema {
  switch (op.kind) {
    case 'where':
    case 'search': {
      const type = checkExpr(op.predicate, exprScope(scope, schema));
      if (op.predicate.kind === 'literal' && op.kind === 'search' && type === 'string') return schema;
      if (type !== 'bool' && type !== 'null' && type !== 'dynamic') throw typeError(op.predicate.span, `${op.kind} needs a boolean condition, not a ${type}`);
      return schema;
    }
    case 'project':
      return projected(scope, schema, op.columns, []);
    case 'extend':
      return projected(scope, schema, op.columns, [...schema]);
    case 'project-away': {
      const gone = new Set(op.patterns.flatMap((pattern) => matching(schema, pattern)));
      return schema.filter((column) => !gone.has(column));
    }
    case 'project-keep': {
      const kept = new Set(op.patterns.flatMap((pattern) => matching(schema, pattern)));
      return schema.filter((column) => kept.has(column));
    }
    case 'project-rename': {
      const out = [...schema];
      for (const rename of op.renames) {
        const index = out.findIndex((column) => column.name === rename.from);
        if (index < 0)
          throw fieldNotFound(
            rename.span,
            rename.from,
            out.map((c) => c.name),
          );
        out[index] = { name: rename.to, type: (out[index] as Column).type };
      }
      return out;
    }
    case 'project-reorder':
      return reorder(schema, op);
    case 'summarize':
      return summarize(scope, schema, op);
    case 'sort':
      sortKeys(scope, schema, op.keys);
      return schema;
    case 'top':
      constantCount(scope, op.count);
      sortKeys(scope, schema, op.keys);
      return schema;
    case 'take':
      constantCount(scope, op.count);
      return schema;
    case 'distinct': {
      if (op.star) return schema;
      return op.columns.map((expr) => {
        if (expr.kind !== 'name') throw unsupported(expr.span, 'distinct of an expression', 'is not supported: extend it into a column first');
        const column = findColumn(schema, expr.name);
        if (!column)
          throw fieldNotFound(
            expr.span,
            expr.name,
            schema.map((c) => c.name),
          );
        checkExpr(expr, exprScope(scope, schema));
        return column;
      });
    }
    case 'count':
      return [{ name: 'Count', type: 'long' }];
    case 'join':
      return join(scope, schema, op);
    case 'union':
      throw unsupported(op.span, 'union as an operator', 'is checked by the pipeline');
    case 'mv-expand':
      return mvExpand(scope, schema, op);
    case 'parse':
      return parse(scope, schema, op);
    case 'unsupported':
      throw unsupported(op.span, `operator ${op.operator}`);
    case 'mv-apply':
    case 'make-series':
    case 'lookup':
    case 'parse-where':
      throw unsupported(op.span, `operator ${op.kind}`);
  }
}
