import { sql } from 'kysely';
import type { Expr, TabularExpr } from '../ast.ts';
import type { CheckedQuery, Schema } from '../check/types.ts';
import type { ExprEnv } from './expr.ts';
import { col, type Relation } from './relation.ts';
import type { Sql } from './types.ts';

export interface CompileOptions {
  /** The organisation every base scan is restricted to. */
  orgId: string;
  /** The request's time range: every base scan's time column lies within [from, to]. */
  from: Date;
  to: Date;
  /** Rows returned at most; the statement reads one more to know the result was cut. */
  rowCap: number;
  /** Rows each join side and each `in (…)` subquery may hold; beyond it the query fails RESULT_TOO_LARGE. */
  joinCap: number;
  /** Elements one row's array expands to at most in mv-expand without an explicit limit. */
  expandCap: number;
}

export interface Compiler {
  checked: CheckedQuery;
  options: CompileOptions;
  /** CTE names of tabular lets. */
  lets: Map<string, string>;
  pipeline: (query: TabularExpr) => Relation;
  /** Conjuncts restated exactly in a table scan (sql/index-hints.ts). */
  satisfied: Set<Expr>;
}

export function envFor(compiler: Compiler, schema: Schema): ExprEnv {
  return {
    checked: compiler.checked,
    schema,
    satisfied: compiler.satisfied,
    column: col,
    subquery: (query) => {
      const relation = compiler.pipeline(query);
      const first = relation.schema[0]?.name ?? 'v';
      return subquerySelect(relation, first, compiler.options.joinCap);
    },
  };
}

/** The first column of a subquery as `v`, capped: more than `cap` rows is RESULT_TOO_LARGE, never a silent cut. */
function subquerySelect(relation: Relation, first: string, cap: number): Sql {
  return sql`select s.${sql.id(first)} as v from (${relation.select}) as s where ${tooLargeGuard(sql`(${relation.select})`, cap, 'in (…) subquery')}`;
}

/**
 * A one-time filter that fails the statement when `source` has more than `cap` rows. PostgreSQL has no RAISE in
 * plain SQL, so the failure is a cast of a marker text to int; the service recognises the marker.
 */
export function tooLargeGuard(source: Sql, cap: number, what: string): Sql {
  const marker = `${TOO_LARGE_MARKER}:${what}:${cap}`;
  // the cast depends on count(*), so the planner cannot fold it into an error at plan time
  return sql`(select coalesce(cast(case when count(*) > ${cap}::int then ${marker}::text end as int), 1) from (select 1 from ${source} as g limit ${cap + 1}::int) as c) = 1`;
}

export const TOO_LARGE_MARKER = 'KQL_RESULT_TOO_LARGE';
