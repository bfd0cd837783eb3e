import type { OrgServiceContext } from '../../../core/context.ts';
import { type FieldIssue, isAppError } from '../../../core/errors.ts';
import type { KqlDiagnostic } from '../../../engines/kql/diagnostics.ts';
import type { KqlRunResult } from '../kql-result.dto.ts';
import { runKqlQuery, validateKqlQuery } from '../run-kql.service.ts';

export type HuntWindow = { start: Date; end: Date };
export type HuntQueryOutcome = { ok: true; result: KqlRunResult } | { ok: false; errorType: string; message: string };

/** A scheduled or on-demand run reads at most this many rows; more are reported as truncated. */
export const HUNT_ROW_LIMIT = 1000;

function describeDiagnostic(diagnostic: KqlDiagnostic): string {
  const at = diagnostic.span ? ` at line ${diagnostic.span.line}, column ${diagnostic.span.column}` : '';
  return `${diagnostic.type}${at}: ${diagnostic.message}`;
}

/** The query's compile problems as issues naming `query` (empty when it compiles). */
export function huntQueryIssues(ctx: OrgServiceContext, query: string): FieldIssue[] {
  const { valid, diagnostics } = validateKqlQuery(ctx, { query });
  if (valid) return [];
  const issues = diagnostics.map((diagnostic) => ({ path: 'query', message: describeDiagnostic(diagnostic) }));
  return issues.length > 0 ? issues : [{ path: 'query', message: 'does not compile' }];
}

/** The KQL error kind an AppError from the search service carries, else its code. */
function errorTypeOf(details: Readonly<Record<string, unknown>> | undefined, code: string): string {
  const diagnostic = details?.diagnostic as Partial<KqlDiagnostic> | undefined;
  const named = details?.error_type ?? diagnostic?.type;
  return typeof named === 'string' ? named : code;
}

/**
 * Runs the hunt's query over the window. A query the engine refuses (or that times out) is an outcome the run records;
 * anything else (the database gone) propagates, so a scheduled run is retried.
 */
export async function runHuntQuery(ctx: OrgServiceContext, query: string, window: HuntWindow, audit: boolean): Promise<HuntQueryOutcome> {
  try {
    const result = await runKqlQuery(ctx, { query, limit: HUNT_ROW_LIMIT, startTime: window.start, endTime: window.end, audit });
    return { ok: true, result };
  } catch (error) {
    if (!isAppError(error) || error.code === 'INTERNAL') throw error;
    return { ok: false, errorType: errorTypeOf(error.details, error.code), message: error.message.slice(0, 4000) };
  }
}
