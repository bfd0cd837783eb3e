import { errors } from '@opensearch-project/opensearch';
import type { OrgServiceContext } from '../../../core/context.ts';
import { AppError } from '../../../core/errors.ts';
import type { Query } from '../../../engines/kql/ast.ts';
import { KqlError } from '../../../engines/kql/diagnostics.ts';
import { compileKqlToOpenSearch, type Dsl } from '../../../engines/kql/opensearch/index.ts';
import { openSearchClient, requireOpenSearchSettings } from './client.ts';
import { eventIndexName } from './event-document.ts';
import { eventIndexPattern } from './index-template.ts';
import { readSearchResponse, type SearchResponseBody } from './read-response.ts';

const DAY_MS = 86_400_000;
/** Up to this many days the search names each daily index; beyond, it uses the pattern. */
const MAX_NAMED_INDICES = 62;

export type OpenSearchKqlInput = { text: string; query: Query; startTime: Date; endTime: Date; maxRows: number };

/** The same shape as the PostgreSQL path's KqlRunResult (services/search), so the route cannot tell them apart but by `index`. */
export type OpenSearchKqlResult = {
  query: string;
  index: string;
  took_ms: number;
  compile_ms: number;
  total: number;
  hits: Record<string, unknown>[];
  fields: string[];
  columns: { name: string; type: string }[];
  start_time: string;
  end_time: string;
  truncated: boolean;
};

/**
 * Runs a parsed KQL query on the OpenSearch event indices for the caller's organisation. The compiler adds the
 * organisation and time-range filters; what it cannot compile is a KqlError UNSUPPORTED_OPERATOR, thrown as it is
 * (no other backend is tried). `index` names the backend that answered: `opensearch:<indices>`.
 */
export async function runOpenSearchKql(ctx: OrgServiceContext, input: OpenSearchKqlInput): Promise<OpenSearchKqlResult> {
  const settings = requireOpenSearchSettings(ctx.deps.config);
  const compileStarted = performance.now();
  const compiled = compileKqlToOpenSearch(input.query, {
    orgId: ctx.orgId,
    startTime: input.startTime,
    endTime: input.endTime,
    now: new Date(),
    maxRows: input.maxRows,
  });
  const compileMs = performance.now() - compileStarted;
  const started = performance.now();
  const body = await search(ctx, settings.url, searchIndices(settings.prefix, input.startTime, input.endTime), compiled.body);
  const { rows, total, truncated } = readSearchResponse(compiled.plan, body, input.maxRows);
  return {
    query: input.text,
    index: `opensearch:${eventIndexPattern(settings.prefix)}`,
    took_ms: Math.round(body.took ?? performance.now() - started),
    compile_ms: Math.round(compileMs * 1000) / 1000,
    total,
    hits: rows,
    fields: compiled.plan.columns.map((column) => column.name),
    columns: compiled.plan.columns.map(({ name, type }) => ({ name, type })),
    start_time: input.startTime.toISOString(),
    end_time: input.endTime.toISOString(),
    truncated,
  };
}

/** The daily indices the window touches (missing ones are ignored), or the pattern for a long window. */
export function searchIndices(prefix: string, start: Date, end: Date): string[] {
  const first = Math.floor(start.getTime() / DAY_MS);
  const last = Math.floor(end.getTime() / DAY_MS);
  if (last - first + 1 > MAX_NAMED_INDICES) return [eventIndexPattern(prefix)];
  const names: string[] = [];
  for (let day = first; day <= last; day++) names.push(eventIndexName(prefix, new Date(day * DAY_MS)));
  return names;
}

async function search(ctx: OrgServiceContext, url: string, indices: string[], body: Dsl): Promise<SearchResponseBody> {
  try {
    const response = await openSearchClient(url).search(
      { index: indices, body: body as never, ignore_unavailable: true, allow_no_indices: true },
      { requestTimeout: ctx.deps.config.DB_STATEMENT_TIMEOUT_MS },
    );
    return response.body as unknown as SearchResponseBody;
  } catch (error) {
    throw searchFailure(error);
  }
}

function searchFailure(error: unknown): Error {
  if (error instanceof errors.TimeoutError) return new KqlError({ type: 'QUERY_TIMEOUT', message: 'OpenSearch did not answer within the query timeout' });
  if (error instanceof errors.ResponseError) {
    const status = Number(error.statusCode);
    if (/too_many_buckets/.test(error.message))
      return new KqlError({ type: 'RESULT_TOO_LARGE', message: 'The aggregation has more groups than OpenSearch allows (search.max_buckets)' });
    if (status === 400) return new AppError('VALIDATION_FAILED', `OpenSearch refused the compiled query: ${error.message}`.slice(0, 500));
    return new AppError('UPSTREAM_UNAVAILABLE', `OpenSearch failed the search (${status})`, { cause: error });
  }
  if (error instanceof errors.OpenSearchClientError)
    return new AppError('UPSTREAM_UNAVAILABLE', `OpenSearch unreachable: ${error.message}`.slice(0, 300), { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}
