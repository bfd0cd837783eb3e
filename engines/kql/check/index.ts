import type { Expr, LetScalar, Query, TabularExpr, TabularSource, UnionOp, UnionSource } from '../ast.ts';
import { CATALOGUE, findTable } from '../catalogue.ts';
import { tableNotFound, typeError, unsupported } from './errors.ts';
import { checkExpr } from './expr.ts';
import { NameSet } from './names.ts';
import { checkOperator, type Scope } from './operators.ts';
import type { CheckedQuery, Column, ExprType, Schema, UnionShape } from './types.ts';

export type { CheckedQuery, Column, ExprType, Schema } from './types.ts';

type ScalarLet = LetScalar & { value: { kind: 'scalar'; expr: Expr } };

function emptyChecked(query: Query): CheckedQuery {
  return {
    query,
    types: new Map(),
    names: new Map(),
    schemas: new Map(),
    inputs: new Map(),
    tables: new Map(),
    outputNames: new Map(),
    tabularLets: new Map(),
    columns: [],
    summarizeShapes: new Map(),
    joinShapes: new Map(),
    unionShapes: new Map(),
    expandNames: new Map(),
  };
}

const DATATABLE_FITS: Record<string, readonly ExprType[]> = {
  real: ['real', 'long', 'int', 'decimal'],
  decimal: ['real', 'long', 'int', 'decimal'],
  long: ['long', 'int'],
  int: ['long', 'int'],
  guid: ['guid', 'string'],
};

/**
 * Resolves tables, columns, lets and functions and types every expression, as Kusto would before
 * running the query. Throws `KqlError` (TABLE_NOT_FOUND, FIELD_NOT_FOUND, TYPE_ERROR, UNSUPPORTED_OPERATOR).
 */
export function checkQuery(query: Query): CheckedQuery {
  const out = emptyChecked(query);
  const lets = new Map<string, ScalarLet>();
  const scope: Scope = { lets, out, checkTabular: (tabular) => checkPipeline(scope, tabular) };
  for (const statement of query.lets) {
    if (statement.kind === 'let-function') throw unsupported(statement.span, 'let function');
    if (statement.value.kind === 'scalar') {
      lets.delete(statement.name);
      out.tabularLets.delete(statement.name);
      const type = checkExpr(statement.value.expr, { ...scope, schema: [], aggregates: false });
      if (type === 'null') out.types.set(statement.value.expr, 'null');
      lets.set(statement.name, statement as ScalarLet);
    } else {
      const schema = checkPipeline(scope, statement.value.query);
      lets.delete(statement.name);
      out.tabularLets.set(statement.name, schema);
    }
  }
  out.columns = checkPipeline(scope, query.body);
  return out;
}

function checkPipeline(scope: Scope, pipeline: TabularExpr): Schema {
  let schema = checkSource(scope, pipeline.source);
  for (const op of pipeline.operators) {
    scope.out.inputs.set(op, schema);
    schema = op.kind === 'union' ? checkUnion(scope, op, [{ schema, label: '' }]) : checkOperator(scope, schema, op);
    scope.out.schemas.set(op, schema);
  }
  scope.out.schemas.set(pipeline, schema);
  return schema;
}

function checkSource(scope: Scope, source: TabularSource): Schema {
  const schema = sourceSchema(scope, source);
  scope.out.schemas.set(source, schema);
  return schema;
}

function tableSchema(scope: Scope, ref: { name: string; span: TabularSource['span'] } & object): Schema {
  const tabular = scope.out.tabularLets.get(ref.name);
  if (tabular) {
    scope.out.tables.set(ref as never, { kind: 'let', name: ref.name });
    return tabular;
  }
  const table = findTable(ref.name);
  if (!table) throw tableNotFound(ref.span, ref.name, [...CATALOGUE.map((t) => t.name), ...scope.out.tabularLets.keys()]);
  scope.out.tables.set(ref as never, { kind: 'catalogue', table });
  return table.columns.map(({ name, type }) => ({ name, type }));
}

function sourceSchema(scope: Scope, source: TabularSource): Schema {
  switch (source.kind) {
    case 'unsupported':
      throw unsupported(source.span, `operator ${source.operator}`);
    case 'range':
    case 'materialize':
      throw unsupported(source.span, source.kind);
    case 'function-call':
      throw unsupported(source.span, `function ${source.name}()`);
    case 'table':
      return tableSchema(scope, source);
    case 'nested':
      return checkPipeline(scope, source.query);
    case 'print': {
      const names = new NameSet();
      return source.columns.map((named, index) => {
        const type = checkExpr(named.expr, { ...scope, schema: [], aggregates: false });
        const name = named.name ?? (names.has(`print_${index}`) ? names.fresh('print_') : `print_${index}`);
        names.claim(name);
        scope.out.outputNames.set(named, name);
        return { name, type: type === 'null' ? 'string' : type };
      });
    }
    case 'datatable':
      return datatable(scope, source);
    case 'union':
      return checkUnion(scope, source, []);
    case 'search': {
      const tables = source.tables.length > 0 ? source.tables : CATALOGUE.filter((t) => t.searchedByDefault).map((t) => t.name);
      const refs = tables.map((name) => ({ kind: 'table' as const, name, span: source.span }));
      const inputs = refs.map((ref) => ({ schema: tableSchema(scope, ref), label: ref.name, ref }));
      const shape = unionShape(inputs, '$table');
      scope.out.unionShapes.set(source, { ...shape, refs });
      const type = checkExpr(source.predicate, { ...scope, schema: shape.columns, aggregates: false });
      if (type !== 'bool' && !(source.predicate.kind === 'literal' && type === 'string'))
        throw typeError(source.predicate.span, `search needs a term or a condition, not a ${type}`);
      return shape.columns;
    }
  }
}

function datatable(scope: Scope, source: Extract<TabularSource, { kind: 'datatable' }>): Schema {
  const width = source.columns.length;
  if (width === 0 || source.values.length % width !== 0)
    throw typeError(source.span, `datatable: ${source.values.length} values do not fill rows of ${width} columns`);
  source.values.forEach((value, index) => {
    const column = source.columns[index % width];
    if (!column) return;
    const type = checkExpr(value, { ...scope, schema: [], aggregates: false });
    const fits = type === 'null' || type === column.type || (DATATABLE_FITS[column.type] ?? []).includes(type) || column.type === 'dynamic';
    if (!fits) throw typeError(value.span, `datatable: column ${column.name} is ${column.type}, the value is ${type}`);
  });
  return source.columns.map(({ name, type }) => ({ name, type }));
}

function checkUnion(scope: Scope, node: UnionOp | UnionSource, leading: { schema: Schema; label: string }[]): Schema {
  const inputs = [
    ...leading,
    ...node.tables.map((table) => ({
      schema: checkPipeline(scope, table),
      label: table.operators.length === 0 && table.source.kind === 'table' ? table.source.name : 'union_arg',
    })),
  ];
  const shape = unionShape(inputs, node.withSource);
  scope.out.unionShapes.set(node, shape);
  return shape.columns;
}

/** Kusto's outer union: every column by name; a name with two types becomes `Name_long`, `Name_string`. */
function unionShape(inputs: { schema: Schema; label: string }[], withSource: string | null): UnionShape {
  const typesByName = new Map<string, Set<string>>();
  for (const input of inputs) for (const column of input.schema) typesByName.set(column.name, (typesByName.get(column.name) ?? new Set()).add(column.type));
  const columns: Column[] = withSource ? [{ name: withSource, type: 'string' }] : [];
  const sourceOf: { name: string; type: string }[] = [];
  for (const input of inputs) {
    for (const column of input.schema) {
      const split = (typesByName.get(column.name)?.size ?? 1) > 1;
      const name = split ? `${column.name}_${column.type}` : column.name;
      if (columns.some((c) => c.name === name)) continue;
      columns.push({ name, type: column.type });
      sourceOf.push({ name: column.name, type: column.type });
    }
  }
  const offset = withSource ? 1 : 0;
  return {
    columns,
    withSource,
    inputs: inputs.map((input) => ({
      schema: input.schema,
      label: input.label,
      sources: columns.map((_, index) => {
        if (index < offset) return null;
        const wanted = sourceOf[index - offset];
        const found = input.schema.find((c) => c.name === wanted?.name && c.type === wanted.type);
        return found ? found.name : null;
      }),
    })),
  };
}

export function unsupportedConstruct(span: Expr['span'], what: string): never {
  throw unsupported(span, what);
}
