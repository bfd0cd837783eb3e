import type { KeyRead, MetricRead, OutputColumn, ResultPlan } from '../../../engines/kql/opensearch/index.ts';

export type SearchResponseBody = {
  took?: number;
  hits?: { total?: { value: number } | number; hits?: { _source?: Record<string, unknown> }[] };
  aggregations?: Record<string, unknown>;
};

export type ReadRows = { rows: Record<string, unknown>[]; total: number; truncated: boolean };

type Bucket = { key: unknown; key_as_string?: string; doc_count: number } & Record<string, unknown>;

/** Turns a `_search` response into rows named and ordered as the plan's columns. */
export function readSearchResponse(plan: ResultPlan, body: SearchResponseBody, maxRows: number): ReadRows {
  const total = totalOf(body);
  switch (plan.kind) {
    case 'count':
      return { rows: [{ [plan.columns[0]?.name ?? 'Count']: total }], total: 1, truncated: false };
    case 'metrics':
      return {
        rows: [Object.fromEntries(plan.metrics.map((metric) => [metric.name, metricValue(metric, body.aggregations ?? {}, total)]))],
        total: 1,
        truncated: false,
      };
    case 'hits': {
      const rows = (body.hits?.hits ?? []).map((hit) =>
        Object.fromEntries(plan.columns.map((column) => [column.name, sourceValue(hit._source ?? {}, column)])),
      );
      const cappedByUs = plan.take === null || plan.take > maxRows;
      // total is the rows returned, as on PostgreSQL; `truncated` says more matched than the row cap let through
      return { rows, total: rows.length, truncated: cappedByUs && total > rows.length };
    }
    case 'buckets':
      return readBuckets(plan, body, maxRows);
  }
}

function readBuckets(plan: Extract<ResultPlan, { kind: 'buckets' }>, body: SearchResponseBody, maxRows: number): ReadRows {
  const groups = (body.aggregations?.groups ?? {}) as { buckets?: Bucket[]; sum_other_doc_count?: number };
  const buckets = groups.buckets ?? [];
  const limit = Math.min(plan.take ?? maxRows, maxRows);
  const kept = buckets.slice(0, limit);
  const more = plan.agg === 'composite' ? buckets.length > limit : (groups.sum_other_doc_count ?? 0) > 0;
  const cappedByUs = plan.take === null || plan.take > maxRows;
  const rows = kept.map((bucket) => {
    const values = new Map<string, unknown>();
    for (const key of plan.keys) values.set(key.name, keyValue(key, bucket, plan.agg));
    for (const metric of plan.metrics) values.set(metric.name, metricValue(metric, bucket, bucket.doc_count));
    return Object.fromEntries(plan.columns.map((column) => [column.name, values.get(column.name) ?? null]));
  });
  return { rows, total: rows.length, truncated: cappedByUs && more };
}

function keyValue(key: KeyRead, bucket: Bucket, agg: 'composite' | 'terms'): unknown {
  const raw = agg === 'composite' ? (bucket.key as Record<string, unknown>)[key.source] : bucket.key;
  if (raw === null || raw === undefined) return null;
  if (key.type === 'datetime') return new Date(Number(raw)).toISOString();
  return raw;
}

function metricValue(metric: MetricRead, container: Record<string, unknown>, docCount: number): unknown {
  const read = metric.read;
  if (read.kind === 'doc_count') return docCount;
  const agg = container[read.agg] as Record<string, unknown> | undefined;
  if (!agg) return null;
  if (read.kind === 'filter') return Number(agg.doc_count ?? 0);
  let value: unknown = agg;
  for (const step of read.path) value = (value as Record<string, unknown> | null)?.[step];
  if (value === null || value === undefined) return null;
  if (metric.type === 'datetime') return new Date(Number(value)).toISOString();
  return Number(value);
}

function sourceValue(source: Record<string, unknown>, column: OutputColumn & { field: string }): unknown {
  const value = source[column.field];
  return value === undefined ? null : value;
}

function totalOf(body: SearchResponseBody): number {
  const total = body.hits?.total;
  return typeof total === 'number' ? total : (total?.value ?? 0);
}
