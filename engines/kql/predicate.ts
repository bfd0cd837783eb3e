import type { Expr } from './ast.ts';
import { KqlError } from './diagnostics.ts';
import { tokenize } from './lexer.ts';
import { Cursor } from './parse/cursor.ts';
import { parseExpr } from './parse/register.ts';

/**
 * Parses a lone KQL predicate (`SrcIp == "203.0.113.7" and DstPort in (22, 3389)`), the text of a `where` without
 * the operator, so a caller can AND it into a query it builds. Positions in diagnostics are the predicate's own.
 * Anything after the expression (`| take 5`, `; …`) is a SYNTAX_ERROR: a predicate cannot add operators.
 */
export function parseKqlPredicate(text: string): Expr {
  const cursor = new Cursor(tokenize(text), text);
  const expr = parseExpr(cursor);
  if (!cursor.atEnd) cursor.fail(['the end of the predicate']);
  const first = cursor.unsupported[0];
  if (first) throw new KqlError(first);
  return expr;
}
