import { isIP } from 'node:net';
import { sql } from 'kysely';
import type { Expr, TabularOperator } from '../ast.ts';
import type { CatalogueTable } from '../catalogue.ts';
import type { CheckedQuery } from '../check/types.ts';
import type { Sql } from './types.ts';

/** The `and`-ed parts of a predicate. */
function conjuncts(expr: Expr): Expr[] {
  return expr.kind === 'binary' && expr.op === 'and' ? [...conjuncts(expr.left), ...conjuncts(expr.right)] : [expr];
}

const nonEmptyText = (expr: Expr): string | null =>
  expr.kind === 'literal' && expr.type === 'string' && typeof expr.value === 'string' && expr.value !== '' ? expr.value : null;

/** `Col == "v"`, `"v" == Col` or `Col in ("v", …)` on a column of the scanned table: the column and its values. */
function equalityOnColumn(checked: CheckedQuery, expr: Expr): { column: string; values: string[] } | null {
  const isColumn = (side: Expr) => side.kind === 'name' && checked.names.get(side)?.kind === 'column';
  if (expr.kind === 'binary' && expr.op === '==') {
    const [name, value] = isColumn(expr.left) ? [expr.left, expr.right] : [expr.right, expr.left];
    const text = nonEmptyText(value);
    return name.kind === 'name' && isColumn(name) && text !== null ? { column: name.name, values: [text] } : null;
  }
  if (expr.kind === 'set' && expr.op === 'in' && Array.isArray(expr.values) && expr.left.kind === 'name' && isColumn(expr.left)) {
    const values = expr.values.map(nonEmptyText);
    return values.length > 0 && values.every((value) => value !== null) ? { column: expr.left.name, values: values as string[] } : null;
  }
  return null;
}

/** IPv4 in the one spelling PostgreSQL's host() gives: then `host(a) = text` holds exactly when `a = text::inet`. */
const CANONICAL_IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/**
 * Conditions implied by the `where`s that directly follow a table, restated on the stored column so PostgreSQL can use
 * an index: `SrcIp == "203.0.113.7"` is `coalesce(host(src_ip), '') = '203.0.113.7'` (exact, but no index serves it),
 * which implies `src_ip = '203.0.113.7'::inet` because stored addresses are single hosts. They are added beside the
 * query's own predicate; where the restatement is exactly equivalent (canonical IPv4 text) the conjunct is recorded in
 * `satisfied` and the later `where` skips it, so the result is the same with or without the hint.
 */
export function indexHints(checked: CheckedQuery, table: CatalogueTable, operators: readonly TabularOperator[], satisfied: Set<Expr>): Sql[] {
  const hints: Sql[] = [];
  for (const op of operators) {
    if (op.kind !== 'where') break;
    for (const part of conjuncts(op.predicate)) {
      const equality = equalityOnColumn(checked, part);
      const stored = equality && table.columns.find((column) => column.name === equality.column)?.indexed;
      if (!equality || !stored) continue;
      if (stored.kind !== 'inet' || !equality.values.every((value) => isIP(value) !== 0)) continue;
      const [only] = equality.values;
      hints.push(equality.values.length === 1 ? sql`${sql.raw(stored.sql)} = ${only}::inet` : sql`${sql.raw(stored.sql)} = any(${equality.values}::inet[])`);
      if (equality.values.every((value) => CANONICAL_IPV4.test(value))) satisfied.add(part);
    }
  }
  return hints;
}
