import { AppError, type ErrorCode } from '../../core/errors.ts';
import type { KqlDiagnostic, KqlErrorType } from '../../engines/kql/diagnostics.ts';
import { TOO_LARGE_MARKER } from '../../engines/kql/sql/index.ts';

const CODE_OF: Readonly<Record<KqlErrorType, ErrorCode>> = {
  SYNTAX_ERROR: 'VALIDATION_FAILED',
  UNSUPPORTED_OPERATOR: 'VALIDATION_FAILED',
  TABLE_NOT_FOUND: 'NOT_FOUND',
  FIELD_NOT_FOUND: 'VALIDATION_FAILED',
  TYPE_ERROR: 'VALIDATION_FAILED',
  QUERY_TIMEOUT: 'QUERY_TIMEOUT',
  RESULT_TOO_LARGE: 'VALIDATION_FAILED',
};

/** The diagnostic as EventSec's KQL error detail plus where it is: `{error_type, message, line, column, expected, suggestions}`. */
export function kqlErrorDetail(diagnostic: KqlDiagnostic) {
  return {
    error_type: diagnostic.type,
    message: diagnostic.message,
    line: diagnostic.span?.line ?? null,
    column: diagnostic.span?.column ?? null,
    expected: diagnostic.expected ?? [],
    suggestions: diagnostic.suggestions ?? [],
  };
}

/** A KQL failure as the AppError every transport maps: 404 for an unknown table, 408 for a timeout, else 400. */
export function kqlAppError(diagnostic: KqlDiagnostic, cause?: unknown, field = 'query'): AppError {
  const detail = kqlErrorDetail(diagnostic);
  const at = detail.line === null ? '' : ` (line ${detail.line}, column ${detail.column})`;
  const message = `${diagnostic.type}: ${diagnostic.message}${at}`;
  return new AppError(CODE_OF[diagnostic.type], message, {
    issues: [{ path: field, message }],
    details: { ...detail, diagnostic },
    body: detail,
    cause,
  });
}

type PgError = { code?: unknown; message?: unknown };

/**
 * A PostgreSQL failure of a compiled query as a KQL diagnostic, or null when it is not the query's fault (the
 * database gone): 57014 is the statement timeout, the too-large marker is a capped join side or subquery, and data
 * exceptions (class 22: division, overflow, a bad regular expression) are the query's values.
 */
export function diagnosticOfPgError(error: unknown, timeoutMs: number): KqlDiagnostic | null {
  const { code, message } = (error ?? {}) as PgError;
  if (typeof code !== 'string') return null;
  const text = typeof message === 'string' ? message : '';
  if (code === '57014') return { type: 'QUERY_TIMEOUT', message: `the query ran longer than ${timeoutMs} ms: narrow the time range or the tables` };
  if (text.includes(TOO_LARGE_MARKER)) {
    const [, what, cap] = /KQL_RESULT_TOO_LARGE:([^:]+):(\d+)/.exec(text) ?? [];
    return { type: 'RESULT_TOO_LARGE', message: `the ${what ?? 'intermediate result'} has more than ${cap ?? 'the allowed'} rows: filter it before joining` };
  }
  if (code.startsWith('22') || code === '2201B') return { type: 'TYPE_ERROR', message: `the query failed on a value: ${text}` };
  if (code === '54000' || code === '53200') return { type: 'RESULT_TOO_LARGE', message: 'the query needs more memory than allowed: narrow it' };
  return null;
}
