import { sql } from 'kysely';
import type { DatatableSource, Expr, TableRef, TabularOperator, TabularSource } from '../ast.ts';
import type { CatalogueTable } from '../catalogue.ts';
import type { UnionShape } from '../check/types.ts';
import { KqlError } from '../diagnostics.ts';
import { type Compiler, envFor } from './context.ts';
import { compileExpr, stringOp } from './expr.ts';
import { indexHints } from './index-hints.ts';
import type { Relation } from './relation.ts';
import { cast, literalSql, type Sql, typedNull } from './types.ts';

/** The scan of a catalogue table: organisation and time range always in its WHERE, whatever the query says. */
export function baseScan(compiler: Compiler, table: CatalogueTable, hints: readonly Sql[] = []): Sql {
  const { orgId, from, to } = compiler.options;
  const columns = table.columns.map((column) => sql`${sql.raw(column.sql)} as ${sql.id(column.name)}`);
  const filter = table.filter === null ? sql`` : sql` and (${sql.raw(table.filter)})`;
  const time = sql.raw(table.timeSql);
  const hinted = hints.length === 0 ? sql`` : sql` and ${sql.join(hints, sql` and `)}`;
  return sql`select ${sql.join(columns)} from ${sql.table(table.base)} as r where r.org_id = ${orgId}::uuid and ${time} >= ${from.toISOString()}::timestamptz and ${time} <= ${to.toISOString()}::timestamptz${filter}${hinted}`;
}

function tableRelation(compiler: Compiler, ref: TableRef, operators: readonly TabularOperator[] = []): Relation {
  const binding = compiler.checked.tables.get(ref);
  const schema = compiler.checked.schemas.get(ref) ?? [];
  if (binding?.kind === 'let') {
    const cte = compiler.lets.get(binding.name);
    if (!cte) throw new KqlError({ type: 'TABLE_NOT_FOUND', message: `let ${binding.name} is not defined here`, span: ref.span });
    return { select: sql`select * from ${sql.id(cte)}`, schema, ordered: false };
  }
  if (!binding) throw new KqlError({ type: 'TABLE_NOT_FOUND', message: `no table named '${ref.name}'`, span: ref.span });
  return {
    select: baseScan(compiler, binding.table, indexHints(compiler.checked, binding.table, operators, compiler.satisfied)),
    schema: binding.table.columns,
    ordered: false,
  };
}

function datatable(compiler: Compiler, source: DatatableSource): Relation {
  const width = source.columns.length;
  const schema = compiler.checked.schemas.get(source) ?? [];
  const env = envFor(compiler, []);
  const names = source.columns.map((column) => sql.id(column.name));
  const rows: Sql[] = [];
  for (let start = 0; start < source.values.length; start += width) {
    const cells = source.columns.map((column, index) => {
      const value = source.values[start + index] as Expr;
      if (value.kind === 'literal' && value.type === 'null') return typedNull(column.type);
      if (value.kind === 'literal' && value.type !== column.type) return cast(literalSql(value), column.type);
      return cast(compileExpr(env, value), column.type);
    });
    rows.push(sql`(${sql.join(cells)})`);
  }
  if (rows.length === 0) {
    const empty = source.columns.map((column) => sql`${typedNull(column.type)} as ${sql.id(column.name)}`);
    return { select: sql`select ${sql.join(empty)} where false`, schema, ordered: false };
  }
  // a row number keeps the written order: Kusto returns a datatable's rows as written
  return {
    select: sql`select d.*, row_number() over () as __ord from (values ${sql.join(rows)}) as d(${sql.join(names)})`,
    schema,
    ordered: true,
  };
}

/** Kusto's outer union: each input projected onto the shared columns (missing ones null), then UNION ALL. */
export function unionOf(shape: UnionShape, inputs: Relation[]): Relation {
  const selects = inputs.map((input, index) => {
    const spec = shape.inputs[index];
    const columns = shape.columns.map((column, position) => {
      if (shape.withSource !== null && position === 0) return sql`${spec?.label ?? ''}::text as ${sql.id(column.name)}`;
      const source = spec?.sources[position] ?? null;
      return source === null ? sql`${typedNull(column.type)} as ${sql.id(column.name)}` : sql`s.${sql.id(source)} as ${sql.id(column.name)}`;
    });
    return sql`select ${sql.join(columns)} from (${input.select}) as s`;
  });
  return { select: sql.join(selects, sql` union all `), schema: shape.columns, ordered: false };
}

function searchSource(compiler: Compiler, source: Extract<TabularSource, { kind: 'search' }>): Relation {
  const shape = compiler.checked.unionShapes.get(source);
  if (!shape?.refs) throw new KqlError({ type: 'TABLE_NOT_FOUND', message: 'search: no table to search', span: source.span });
  const union = unionOf(
    shape,
    shape.refs.map((ref) => tableRelation(compiler, ref)),
  );
  const env = envFor(compiler, shape.columns);
  return { select: sql`select s.* from (${union.select}) as s where ${searchPredicate(env, source.predicate)}`, schema: shape.columns, ordered: false };
}

/** A bare term in `search` (or `* has term`) is `has` over every string and dynamic column. */
export function searchPredicate(env: ReturnType<typeof envFor>, predicate: Expr): Sql {
  if (predicate.kind === 'literal' && predicate.type === 'string') return anyColumnHas(env, predicate);
  return compileExpr({ ...env }, predicate);
}

export function anyColumnHas(env: ReturnType<typeof envFor>, term: Expr): Sql {
  const columns = env.schema.filter((column) => column.type === 'string' || column.type === 'dynamic');
  if (columns.length === 0) return sql`false`;
  const tests = columns.map((column) => {
    const name = { kind: 'name' as const, name: column.name, span: term.span };
    env.checked.types.set(name, column.type);
    env.checked.names.set(name, { kind: 'column' });
    return stringOp(env, 'has', name, term, term);
  });
  return sql`(${sql.join(tests, sql` or `)})`;
}

/** `operators` are the pipeline's, for the index hints of a table scan. */
export function sourceRelation(compiler: Compiler, source: TabularSource, operators: readonly TabularOperator[] = []): Relation {
  switch (source.kind) {
    case 'table':
      return tableRelation(compiler, source, operators);
    case 'nested':
      return compiler.pipeline(source.query);
    case 'datatable':
      return datatable(compiler, source);
    case 'print': {
      const env = envFor(compiler, []);
      const columns = source.columns.map((named) => sql`${compileExpr(env, named.expr)} as ${sql.id(compiler.checked.outputNames.get(named) ?? 'print_0')}`);
      return { select: sql`select ${sql.join(columns)}`, schema: compiler.checked.schemas.get(source) ?? [], ordered: false };
    }
    case 'union': {
      const shape = compiler.checked.unionShapes.get(source);
      if (!shape) throw new KqlError({ type: 'TYPE_ERROR', message: 'union was not checked', span: source.span });
      return unionOf(
        shape,
        source.tables.map((table) => compiler.pipeline(table)),
      );
    }
    case 'search':
      return searchSource(compiler, source);
    case 'unsupported':
      throw new KqlError({ type: 'UNSUPPORTED_OPERATOR', message: `${source.operator} is not supported`, span: source.span, construct: source.operator });
    case 'range':
    case 'materialize':
    case 'function-call':
      throw new KqlError({ type: 'UNSUPPORTED_OPERATOR', message: `${source.kind} is not supported`, span: source.span, construct: source.kind });
  }
}
