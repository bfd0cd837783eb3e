import type { Span } from './ast.ts';

/** The error kinds the KQL route reports (issue #12, item 4). The first five come from the engine. */
export type KqlErrorType =
  | 'SYNTAX_ERROR'
  | 'UNSUPPORTED_OPERATOR'
  | 'TABLE_NOT_FOUND'
  | 'FIELD_NOT_FOUND'
  | 'TYPE_ERROR'
  | 'QUERY_TIMEOUT'
  | 'RESULT_TOO_LARGE';

export interface KqlDiagnostic {
  type: KqlErrorType;
  message: string;
  /** Where in the query; absent only for run-time errors (timeout, too large). */
  span?: Span;
  /** SYNTAX_ERROR: what the parser expected at `span` (`"an expression"`, `"')'"`). */
  expected?: string[];
  /** UNSUPPORTED_OPERATOR: the operator or function as KQL spells it. */
  construct?: string;
  /** TABLE_NOT_FOUND / FIELD_NOT_FOUND: the nearest known names. */
  suggestions?: string[];
}

/** Thrown by the parser, checker and planners; the service maps it to the route's error shape. */
export class KqlError extends Error {
  readonly diagnostic: KqlDiagnostic;

  constructor(diagnostic: KqlDiagnostic) {
    super(diagnostic.message);
    this.name = 'KqlError';
    this.diagnostic = diagnostic;
  }
}
