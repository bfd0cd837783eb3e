import { type RawBuilder, sql } from 'kysely';
import type { TabularExpr, TabularOperator } from '../ast.ts';
import type { CheckedQuery, Schema } from '../check/types.ts';
import { KqlError } from '../diagnostics.ts';
import { type CompileOptions, type Compiler, envFor } from './context.ts';
import { compileExpr } from './expr.ts';
import { operatorRelation, sorted } from './operators.ts';
import { ORD, type Relation } from './relation.ts';
import { sourceRelation } from './sources.ts';
import type { Sql } from './types.ts';

export { type CompileOptions, TOO_LARGE_MARKER } from './context.ts';
export { formatRow } from './values.ts';

export interface CompiledQuery {
  /** One parameterised statement; run it and pass each row through `formatRow`. */
  statement: RawBuilder<Record<string, unknown>>;
  columns: Schema;
}

/**
 * The stages of a pipeline. `sort` directly followed by `take` runs as one top-N; so does a final `sort` with
 * `finalLimit` (the row cap of the whole query).
 */
function pipelineRelation(compiler: Compiler, query: TabularExpr, finalLimit: Sql | null = null): Relation {
  let relation = sourceRelation(compiler, query.source, query.operators);
  const ops = query.operators;
  for (let index = 0; index < ops.length; index++) {
    const op = ops[index] as TabularOperator;
    const next = ops[index + 1];
    if (op.kind === 'sort' && next?.kind === 'take') {
      relation = sorted(compiler, relation, op.keys, compileExpr(envFor(compiler, []), next.count));
      index += 1;
    } else if (op.kind === 'sort' && next === undefined && finalLimit !== null) {
      relation = sorted(compiler, relation, op.keys, finalLimit);
    } else {
      relation = operatorRelation(compiler, relation, op);
    }
  }
  return relation;
}

/** The output value of a column as the route returns it (timespans as milliseconds, decimals as text). */
function outputColumn(name: string, type: Schema[number]['type']) {
  const ref = sql`s.${sql.id(name)}`;
  if (type === 'timespan') return sql`(extract(epoch from ${ref}) * 1000)::double precision as ${sql.id(name)}`;
  if (type === 'decimal') return sql`(${ref})::text as ${sql.id(name)}`;
  return sql`${ref} as ${sql.id(name)}`;
}

/**
 * The checked query as ONE PostgreSQL statement: a subquery per operator, tabular lets as CTEs, organisation and
 * time range in every base scan, and `LIMIT rowCap + 1` so the caller knows when the result was cut.
 */
export function compileToSql(checked: CheckedQuery, options: CompileOptions): CompiledQuery {
  const compiler: Compiler = { checked, options, lets: new Map(), satisfied: new Set(), pipeline: (query) => pipelineRelation(compiler, query) };
  const ctes = [];
  for (const statement of checked.query.lets) {
    if (statement.kind === 'let-function')
      throw new KqlError({ type: 'UNSUPPORTED_OPERATOR', message: 'let function is not supported', span: statement.span, construct: 'let function' });
    if (statement.value.kind !== 'tabular') continue;
    const relation = compiler.pipeline(statement.value.query);
    const name = `let_${compiler.lets.size + 1}`;
    ctes.push(sql`${sql.id(name)} as (${relation.select})`);
    compiler.lets.set(statement.name, name);
  }
  const body = pipelineRelation(compiler, checked.query.body, sql`${options.rowCap + 1}::int`);
  const columns = checked.columns.map((column) => outputColumn(column.name, column.type));
  const order = body.ordered ? sql` order by s.${sql.id(ORD)}` : sql``;
  const select = columns.length > 0 ? sql.join(columns) : sql`1 as ${sql.id('__none')}`;
  const main = sql`select ${select} from (${body.select}) as s${order} limit ${options.rowCap + 1}::int`;
  const statement = ctes.length > 0 ? sql<Record<string, unknown>>`with ${sql.join(ctes)} ${main}` : sql<Record<string, unknown>>`${main}`;
  return { statement, columns: checked.columns };
}
