import type { ScalarType, Span } from './ast.ts';

/**
 * - `name`: identifiers and keywords (`where`, `project-away`, `$left`, `in~`); the parser decides by context.
 * - `string`: a decoded string literal. `number`: long or real. `timespan`: milliseconds.
 * - `typed`: `datetime(...)`, `guid(...)`, `long(null)` … scanned raw by the lexer and already converted.
 * - `op`: punctuation and symbolic operators, plus the negated word operators (`!has`, `!in~`, `!between`).
 */
export type TokenKind = 'name' | 'string' | 'number' | 'timespan' | 'typed' | 'op' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The source text (`op`/`name`: the operator or identifier as written). */
  text: string;
  /** string: decoded text; number: number or bigint; timespan: milliseconds; typed: the literal's value. */
  value: unknown;
  /** number: `long` or `real`; typed: the literal's type (`null` type for a typed null keeps the type). */
  type: ScalarType | null;
  start: number;
  end: number;
  line: number;
  column: number;
  /** Whether whitespace or a comment separates this token from the previous one (wildcard patterns need adjacency). */
  spaced: boolean;
}

export const spanOf = (token: Token): Span => ({ start: token.start, end: token.end, line: token.line, column: token.column });

/** How a token is named in a SYNTAX_ERROR: `'where'`, `'|'`, `the end of the query`. */
export function describeToken(token: Token): string {
  if (token.kind === 'eof') return 'the end of the query';
  const text = token.text.length > 40 ? `${token.text.slice(0, 40)}…` : token.text;
  return `'${text}'`;
}
