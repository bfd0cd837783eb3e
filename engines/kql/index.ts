import type { Query } from './ast.ts';
import { type KqlDiagnostic, KqlError } from './diagnostics.ts';
import { tokenize } from './lexer.ts';
import { Cursor } from './parse/cursor.ts';
import { parseQuery } from './parse/register.ts';

export interface ParseOptions {
  /**
   * Return the tree even when it holds valid KQL that Vigil does not run (`unsupported` operator nodes; unsupported
   * statements such as `set` or `let f = (…) {…}` are left out). For validation only, never for running.
   */
  allowUnsupported?: boolean;
}

/**
 * Parses a KQL query. Throws `KqlError` SYNTAX_ERROR (with line, column and what was expected) for text that is not
 * KQL, and UNSUPPORTED_OPERATOR naming the first construct Vigil does not run unless `allowUnsupported` is set.
 */
export function parseKql(text: string, options: ParseOptions = {}): Query {
  const { query, unsupported } = parseKqlDetailed(text);
  const first = unsupported[0];
  if (first && !options.allowUnsupported) throw new KqlError(first);
  return query;
}

/** The tree plus every unsupported construct in source order (the validate route lists them all). Throws only SYNTAX_ERROR. */
export function parseKqlDetailed(text: string): { query: Query; unsupported: KqlDiagnostic[] } {
  const cursor = new Cursor(tokenize(text), text);
  const query = parseQuery(cursor);
  const unsupported = [...cursor.unsupported].sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0));
  return { query, unsupported };
}

export type { KqlDiagnostic } from './diagnostics.ts';
export { KqlError } from './diagnostics.ts';
