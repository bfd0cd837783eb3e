import type { OrgServiceContext } from '../../core/context.ts';
import { isAppError } from '../../core/errors.ts';
import { runReadOnlyStatement } from '../../db/queries/search.ts';
import type { Query } from '../../engines/kql/ast.ts';
import { type CheckedQuery, checkQuery } from '../../engines/kql/check/index.ts';
import { type KqlDiagnostic, KqlError } from '../../engines/kql/diagnostics.ts';
import { parseKql, parseKqlDetailed } from '../../engines/kql/index.ts';
import { type CompiledQuery, compileToSql, formatRow } from '../../engines/kql/sql/index.ts';
import { eventTimePolicy, latestEventTime } from '../events/index.ts';
import { actorOf, recordAudit } from '../identity/index.ts';
import { diagnosticOfPgError, kqlAppError } from './kql-errors.ts';
import type { KqlRunResult } from './kql-result.dto.ts';
import { explicitKqlWindow, kqlWindow } from './kql-window.ts';
import { runOpenSearchKql } from './opensearch/run-opensearch-kql.ts';

/** Elements one row's array expands to in mv-expand without an explicit `limit`. */
export const KQL_EXPAND_CAP = 10_000;
export const KQL_DEFAULT_LIMIT = 200;
export const KQL_MAX_LIMIT = 10_000;

export type KqlRunInput = { query: string; limit?: number | undefined; startTime?: Date | undefined; endTime?: Date | undefined; audit?: boolean };

function tablesOf(checked: CheckedQuery): string {
  const names = new Set<string>();
  for (const binding of checked.tables.values()) if (binding.kind === 'catalogue') names.add(binding.table.name);
  return [...names].join(',') || 'none';
}

/** Parse, check and compile: everything before the database, timed for `compile_ms`. */
export function compileKql(text: string, options: KqlCompileOptions): { checked: CheckedQuery; compiled: CompiledQuery; query: Query } {
  return compileKqlTree(parseKql(text), options);
}

type KqlCompileOptions = { orgId: string; start: Date; end: Date; limit: number; joinCap: number };

/** Check and compile a parsed or built tree. */
function compileKqlTree(query: Query, options: KqlCompileOptions): { checked: CheckedQuery; compiled: CompiledQuery; query: Query } {
  const checked = checkQuery(query);
  const compiled = compileToSql(checked, {
    orgId: options.orgId,
    from: options.start,
    to: options.end,
    rowCap: options.limit,
    joinCap: options.joinCap,
    expandCap: KQL_EXPAND_CAP,
  });
  return { checked, compiled, query };
}

/** For `npm run bench:kql`: the compile step alone, for an arbitrary organisation. */
export function compileKqlForBench(text: string, range: { start: Date; end: Date }): CompiledQuery {
  return compileKql(text, { orgId: '00000000-0000-0000-0000-000000000000', ...range, limit: KQL_DEFAULT_LIMIT, joinCap: 100_000 }).compiled;
}

async function runOnPostgres(
  ctx: OrgServiceContext,
  input: { text: string; query: Query },
  window: { start: Date; end: Date },
  limit: number,
): Promise<KqlRunResult> {
  const compileStarted = performance.now();
  const { checked, compiled } = compileKqlTree(input.query, { orgId: ctx.orgId, ...window, limit, joinCap: ctx.deps.config.KQL_JOIN_MAX_ROWS });
  const compileMs = performance.now() - compileStarted;
  const timeoutMs = ctx.deps.config.KQL_STATEMENT_TIMEOUT_MS;
  const started = performance.now();
  let rows: Record<string, unknown>[];
  try {
    rows = await runReadOnlyStatement(ctx.deps.searchDb, compiled.statement);
  } catch (error) {
    const diagnostic = diagnosticOfPgError(error, timeoutMs);
    if (diagnostic) throw kqlAppError(diagnostic, error);
    throw error;
  }
  const tookMs = performance.now() - started;
  const truncated = rows.length > limit;
  const hits = rows.slice(0, limit).map((row) => formatRow(row, compiled.columns));
  return {
    query: input.text,
    index: `postgres:${tablesOf(checked)}`,
    took_ms: Math.round(tookMs * 100) / 100,
    compile_ms: Math.round(compileMs * 1000) / 1000,
    total: hits.length,
    hits,
    fields: compiled.columns.map((column) => column.name),
    columns: compiled.columns.map(({ name, type }) => ({ name, type })),
    start_time: window.start.toISOString(),
    end_time: window.end.toISOString(),
    truncated,
  };
}

async function audit(ctx: OrgServiceContext, input: KqlRunInput, outcome: { result?: KqlRunResult; error?: unknown }): Promise<void> {
  if (input.audit === false) return;
  const error = outcome.error;
  const details = isAppError(error) ? error.details : undefined;
  await recordAudit(ctx.deps.db, ctx, {
    orgId: ctx.orgId,
    action: 'search.kql',
    actor: actorOf(ctx),
    outcome: error === undefined ? 'success' : 'failure',
    details: {
      query: input.query.slice(0, 5000),
      ...(outcome.result
        ? { index: outcome.result.index, rows: outcome.result.total, truncated: outcome.result.truncated, took_ms: outcome.result.took_ms }
        : {}),
      ...(error !== undefined ? { error_type: details?.error_type ?? (isAppError(error) ? error.code : 'INTERNAL') } : {}),
    },
  });
}

/** One run, whether its tree comes from text or from code: the single path for backend, timeout, audit and errors. */
type KqlRun = {
  text: string;
  tree: () => Query;
  window: () => { start: Date; end: Date };
  limit: number;
  audit: boolean;
  backend: 'configured' | 'postgres';
  field: string;
};

async function runKql(ctx: OrgServiceContext, run: KqlRun): Promise<KqlRunResult> {
  const record = { query: run.text, audit: run.audit };
  try {
    const window = run.window();
    const query = run.tree();
    const result =
      run.backend === 'configured' && ctx.deps.config.SEARCH_BACKEND === 'opensearch'
        ? await runOpenSearchKql(ctx, { text: run.text, query, startTime: window.start, endTime: window.end, maxRows: run.limit })
        : await runOnPostgres(ctx, { text: run.text, query }, window, run.limit);
    await audit(ctx, record, { result });
    return result;
  } catch (error) {
    const failure = error instanceof KqlError ? kqlAppError(error.diagnostic, error, run.field) : error;
    await audit(ctx, record, { error: failure });
    throw failure;
  }
}

const clampLimit = (limit: number, max: number): number => Math.min(Math.max(Math.trunc(limit), 1), max);

/**
 * Runs a KQL query for the caller's organisation over [startTime, endTime] (24 h by default): on PostgreSQL (one
 * read-only statement, statement timeout, at most `limit` rows) or on OpenSearch when SEARCH_BACKEND says so. Every
 * run is audited (`search.kql`), failures included. Throws AppError carrying the KQL diagnostic.
 */
export async function runKqlQuery(ctx: OrgServiceContext, input: KqlRunInput): Promise<KqlRunResult> {
  return runKql(ctx, {
    text: input.query,
    tree: () => parseKql(input.query),
    window: () => kqlWindow(input, latestEventTime(eventTimePolicy(ctx.deps.config))),
    limit: clampLimit(input.limit ?? KQL_DEFAULT_LIMIT, KQL_MAX_LIMIT),
    audit: input.audit !== false,
    backend: 'configured',
    field: 'query',
  });
}

/** Rows a query built by code may return: a page deep into a list (the events list reads offset + size ids). */
export const KQL_MAX_AST_ROWS = 20_000;

export type KqlAstRunInput = {
  /**
   * A tree built with `engines/kql/build.ts` (user predicates parsed with `parseKqlPredicate`), never text splicing; or
   * a function building it, so a KqlError it throws is reported (and audited) like any other.
   */
  query: Query | (() => Query);
  /** What the audit log and the result's `query` say was run: a built tree has no text of its own. */
  text: string;
  start: Date;
  end: Date;
  /** At most KQL_MAX_AST_ROWS. */
  limit: number;
  audit?: boolean;
  /** `postgres` reads the event store even when SEARCH_BACKEND=opensearch (the index trails the store). */
  backend?: 'configured' | 'postgres';
  /** The request field KQL diagnostics are reported against (`query` unless said). */
  field?: string;
};

/** Checks, compiles and runs an already built tree over an explicit [start, end] (at most 31 days), like runKqlQuery. */
export async function runKqlAst(ctx: OrgServiceContext, input: KqlAstRunInput): Promise<KqlRunResult> {
  const tree = input.query;
  return runKql(ctx, {
    text: input.text,
    tree: typeof tree === 'function' ? tree : () => tree,
    window: () => explicitKqlWindow(input.start, input.end),
    limit: clampLimit(input.limit, KQL_MAX_AST_ROWS),
    audit: input.audit !== false,
    backend: input.backend ?? 'configured',
    field: input.field ?? 'query',
  });
}

export type KqlValidation = { valid: boolean; diagnostics: KqlDiagnostic[]; columns?: { name: string; type: string }[] };

/** Diagnostics without running: every unsupported construct, else the first check or compile error, else the result columns. */
export function validateKqlQuery(_ctx: OrgServiceContext, input: { query: string }): KqlValidation {
  try {
    const { unsupported } = parseKqlDetailed(input.query);
    if (unsupported.length > 0) return { valid: false, diagnostics: unsupported };
    const now = new Date();
    const { compiled } = compileKql(input.query, {
      orgId: '00000000-0000-0000-0000-000000000000',
      start: new Date(now.getTime() - 86_400_000),
      end: now,
      limit: 1,
      joinCap: 1,
    });
    return { valid: true, diagnostics: [], columns: compiled.columns.map(({ name, type }) => ({ name, type })) };
  } catch (error) {
    if (error instanceof KqlError) return { valid: false, diagnostics: [error.diagnostic] };
    throw error;
  }
}
