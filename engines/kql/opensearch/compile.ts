import type { Expr, NamedExpr, Query, SortKey, Span, TabularOperator, TabularSource } from '../ast.ts';
import { KqlError } from '../diagnostics.ts';
import { type Column, resolveField, type Schema } from './columns.ts';
import { constantOf } from './constant.ts';
import type { Dsl } from './dsl.ts';
import { nearest, unsupported } from './errors.ts';
import { EVENT_FIELDS, EVENTS_TABLE, POSTGRES_ONLY_TABLES } from './fields.ts';
import { compilePredicate, type PredicateScope, searchAll } from './predicate.ts';
import type { KeyRead, MetricRead, OutputColumn, ResultPlan } from './result-plan.ts';
import { type CompiledSummarize, compileSummarize } from './summarize.ts';

export type OpenSearchCompileOptions = {
  /** Every query is filtered on it: the indices hold every organisation's events. */
  orgId: string;
  startTime: Date;
  endTime: Date;
  /** `ago()` and `now()` are relative to it. */
  now: Date;
  /** Row cap: at most this many rows are returned; more means `truncated`. */
  maxRows: number;
};

/** A `_search` request body and how to turn its response into rows. */
export type CompiledSearch = { table: string; body: Dsl; plan: ResultPlan };

type Sort = { source: string; name: string; order: 'asc' | 'desc'; nulls: 'first' | 'last'; span: Span | null };

type RowState = { phase: 'rows'; schema: Schema; filters: Dsl[]; sort: Sort[] | null; take: number | null };
type AggState = {
  phase: 'buckets';
  filters: Dsl[];
  summarize: CompiledSummarize;
  columns: OutputColumn[];
  /** Output column name → key or metric read. */
  reads: Map<string, KeyRead | MetricRead>;
  sort: Sort[] | null;
  take: number | null;
};
type CountState = { phase: 'count'; filters: Dsl[] };
type State = RowState | AggState | CountState;

/**
 * Compiles a KQL query over `Events` to one OpenSearch `_search`. Filters, projections, sort and take map onto the
 * search itself; summarize, distinct and count onto aggregations. What cannot be expressed as one search (join,
 * union, extend, mv-expand, parse, sub-queries, filters on aggregated values…) is refused with UNSUPPORTED_OPERATOR
 * naming it: the caller never gets another backend's answer silently.
 */
export function compileKqlToOpenSearch(query: Query, options: OpenSearchCompileOptions): CompiledSearch {
  const lets = new Map<string, Expr>();
  for (const statement of query.lets) {
    if (statement.kind === 'let-function') throw unsupported('let function', statement.span, 'functions are not compiled to OpenSearch');
    if (statement.value.kind === 'tabular') throw unsupported('let (tabular)', statement.span, 'tabular lets are not compiled to OpenSearch');
    lets.set(statement.name, statement.value.expr);
  }
  if (query.body.operators.length === 0 && query.body.source.kind === 'nested') throw unsupported('nested query', query.body.source.span);
  const schema: Schema = EVENT_FIELDS.map((doc) => ({ name: doc.column, doc }));
  const base: PredicateScope = { lets, now: options.now, schema };
  let state: State = { phase: 'rows', schema, filters: sourceFilters(query.body.source, base), sort: null, take: null };
  for (const operator of query.body.operators) state = apply(state, operator, { ...base, schema: state.phase === 'rows' ? state.schema : schema });
  return { table: EVENTS_TABLE, ...finish(state, options) };
}

function sourceFilters(source: TabularSource, scope: PredicateScope): Dsl[] {
  if (source.kind === 'table') {
    checkTable(source.name, source.span);
    return [];
  }
  if (source.kind === 'search') {
    for (const table of source.tables) checkTable(table, source.span);
    return [searchPredicate(source.predicate, scope)];
  }
  throw unsupported(source.kind, source.span, 'the OpenSearch backend reads only the Events table');
}

function checkTable(name: string, span: Span): void {
  if (name === EVENTS_TABLE) return;
  if (POSTGRES_ONLY_TABLES.includes(name))
    throw unsupported(`table ${name}`, span, 'the event indices hold only Events; this table is served by SEARCH_BACKEND=postgres');
  throw new KqlError({
    type: 'TABLE_NOT_FOUND',
    span,
    message: `No table named '${name}'`,
    suggestions: nearest(name, [EVENTS_TABLE, ...POSTGRES_ONLY_TABLES]),
  });
}

function searchPredicate(predicate: Expr, scope: PredicateScope): Dsl {
  if (predicate.kind === 'literal' && predicate.type === 'string') return searchAll('has', String(predicate.value), scope, predicate.span);
  return compilePredicate(predicate, scope);
}

function apply(state: State, op: TabularOperator, scope: PredicateScope): State {
  if (state.phase === 'count') throw unsupported(op.kind === 'unsupported' ? op.operator : op.kind, op.span, 'nothing follows count on OpenSearch');
  return state.phase === 'rows' ? applyToRows(state, op, scope) : applyToBuckets(state, op, scope);
}

function applyToRows(state: RowState, op: TabularOperator, scope: PredicateScope): State {
  switch (op.kind) {
    case 'where':
    case 'search':
      if (state.take !== null) throw unsupported(`${op.kind} after take`, op.span, 'OpenSearch filters before it limits');
      return { ...state, filters: [...state.filters, op.kind === 'where' ? compilePredicate(op.predicate, scope) : searchPredicate(op.predicate, scope)] };
    case 'project':
      return { ...state, schema: op.columns.map((named) => projected(named, state.schema)) };
    case 'project-away':
      return { ...state, schema: state.schema.filter((column) => !op.patterns.some(({ pattern }) => wildcardMatch(pattern, column.name))) };
    case 'project-keep':
      return { ...state, schema: state.schema.filter((column) => op.patterns.some(({ pattern }) => wildcardMatch(pattern, column.name))) };
    case 'project-rename':
      return { ...state, schema: renamed(state.schema, op.renames) };
    case 'project-reorder': {
      const first = state.schema.filter((column) => op.columns.some(({ pattern }) => wildcardMatch(pattern, column.name)));
      return { ...state, schema: [...first, ...state.schema.filter((column) => !first.includes(column))] };
    }
    case 'sort':
    case 'top': {
      if (state.take !== null) throw unsupported(`${op.kind} after take`, op.span, 'OpenSearch sorts before it limits');
      const sort = op.keys.map((key) => rowSort(key, state.schema));
      return { ...state, sort, take: op.kind === 'top' ? takeCount(op.count, scope) : state.take };
    }
    case 'take':
      return { ...state, take: Math.min(state.take ?? Number.POSITIVE_INFINITY, takeCount(op.count, scope)) };
    case 'count':
      if (state.take !== null) throw unsupported('count after take', op.span, 'OpenSearch counts the filtered events');
      return { phase: 'count', filters: state.filters };
    case 'summarize':
    case 'distinct': {
      if (state.take !== null || state.sort !== null) throw unsupported(`${op.kind} after sort or take`, op.span, 'OpenSearch aggregates the filtered events');
      return summarized(state, op, scope);
    }
    case 'unsupported':
      throw unsupported(op.operator, op.span);
    default:
      throw unsupported(op.kind, op.span);
  }
}

function summarized(state: RowState, op: Extract<TabularOperator, { kind: 'summarize' | 'distinct' }>, scope: PredicateScope): AggState {
  let summarize: CompiledSummarize;
  if (op.kind === 'distinct') {
    if (op.star || op.columns.length === 0) throw unsupported('distinct *', op.span, 'name the columns to make distinct');
    summarize = compileSummarize(
      [],
      op.columns.map((expr) => ({ name: null, nameSpan: null, expr, span: expr.span })),
      scope,
      op.span,
    );
  } else {
    summarize = compileSummarize(op.aggregates, op.by, scope, op.span);
  }
  const reads = new Map<string, KeyRead | MetricRead>();
  for (const key of summarize.keys) reads.set(key.read.name, key.read);
  for (const metric of summarize.metrics) reads.set(metric.name, metric);
  const columns = [...reads.values()].map(({ name, type }) => ({ name, type }));
  return { phase: 'buckets', summarize, columns, reads, sort: null, take: null, filters: state.filters };
}

function applyToBuckets(state: AggState, op: TabularOperator, scope: PredicateScope): State {
  switch (op.kind) {
    case 'sort':
    case 'top': {
      if (state.take !== null) throw unsupported(`${op.kind} after take`, op.span, 'OpenSearch sorts before it limits');
      const sort = op.keys.map((key) => bucketSort(key, state));
      return { ...state, sort, take: op.kind === 'top' ? takeCount(op.count, scope) : state.take };
    }
    case 'take':
      return { ...state, take: Math.min(state.take ?? Number.POSITIVE_INFINITY, takeCount(op.count, scope)) };
    case 'project':
      return withColumns(
        state,
        op.columns.map((named) => {
          if (named.expr.kind !== 'name') throw unsupported('project with computed columns', named.span, 'OpenSearch returns aggregated values as they are');
          const read = outputRead(state, named.expr.name, named.expr.span);
          return { ...read, name: named.name ?? read.name };
        }),
      );
    case 'project-away':
      return withColumns(
        state,
        [...state.reads.values()].filter((read) => !op.patterns.some(({ pattern }) => wildcardMatch(pattern, read.name))),
      );
    case 'project-rename':
      return withColumns(
        state,
        [...state.reads.values()].map((read) => ({ ...read, name: op.renames.find((rename) => rename.from === read.name)?.to ?? read.name })),
      );
    case 'where':
      throw unsupported('where after summarize', op.span, 'filters on aggregated values are not compiled to OpenSearch');
    case 'unsupported':
      throw unsupported(op.operator, op.span);
    default:
      throw unsupported(`${op.kind} after summarize`, op.span);
  }
}

function withColumns(state: AggState, reads: (KeyRead | MetricRead)[]): AggState {
  return { ...state, reads: new Map(reads.map((read) => [read.name, read])), columns: reads.map(({ name, type }) => ({ name, type })) };
}

function outputRead(state: AggState, name: string, span: Span): KeyRead | MetricRead {
  const read = state.reads.get(name);
  if (!read) throw new KqlError({ type: 'FIELD_NOT_FOUND', span, message: `No column named '${name}'`, suggestions: nearest(name, [...state.reads.keys()]) });
  return read;
}

function bucketSort(key: SortKey, state: AggState): Sort {
  if (key.expr.kind !== 'name') throw unsupported('sort by an expression', key.span, 'sort by an output column');
  const read = outputRead(state, key.expr.name, key.span);
  return { source: 'source' in read ? read.source : metricSortPath(read), name: read.name, order: key.direction, nulls: key.nulls ?? 'last', span: key.span };
}

function metricSortPath(read: MetricRead): string {
  if (read.read.kind === 'doc_count') return '_count';
  if (read.read.kind === 'filter') return `${read.read.agg}>_count`;
  return read.read.path[0] === 'value' ? read.read.agg : `${read.read.agg}[${read.read.path[1]}]`;
}

function projected(named: NamedExpr, schema: Schema): Column {
  if (named.expr.kind !== 'name') {
    const construct = named.expr.kind === 'call' ? `${named.expr.name}()` : 'computed column';
    throw unsupported(construct, named.span, 'project on OpenSearch selects and renames columns; computed columns need SEARCH_BACKEND=postgres');
  }
  const ref = resolveField(named.expr, schema);
  return { name: named.name ?? ref.column.name, doc: ref.column.doc };
}

function renamed(schema: Schema, renames: readonly { to: string; from: string; span: Span }[]): Schema {
  return schema.map((column) => {
    const rename = renames.find((candidate) => candidate.from === column.name);
    return rename ? { ...column, name: rename.to } : column;
  });
}

function rowSort(key: SortKey, schema: Schema): Sort {
  const ref = resolveField(key.expr, schema);
  if (ref.path !== null || ref.column.doc.kind === 'flat' || ref.column.doc.kind === 'stored')
    throw unsupported(`sort by ${ref.column.name}`, key.span, 'dynamic columns cannot be sorted on OpenSearch');
  // KQL puts nulls last when descending and first when ascending unless told otherwise
  const nulls = key.nulls ?? (key.direction === 'desc' ? 'last' : 'first');
  return { source: ref.field, name: ref.column.name, order: key.direction, nulls, span: key.span };
}

function takeCount(expr: Expr, scope: PredicateScope): number {
  const value = constantOf(expr, scope);
  const count = Number(value.value);
  if (!Number.isInteger(count) || count < 0) throw new KqlError({ type: 'TYPE_ERROR', span: expr.span, message: 'take/top needs a non-negative integer' });
  return count;
}

function wildcardMatch(pattern: string, name: string): boolean {
  if (!pattern.includes('*')) return pattern === name;
  const parts = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`).test(name);
}

// ── The search body ───────────────────────────────────────────────────────────────────

function finish(state: State, options: OpenSearchCompileOptions): { body: Dsl; plan: ResultPlan } {
  const filters = state.filters;
  const query: Dsl = {
    bool: {
      filter: [
        { term: { org_id: options.orgId } },
        { range: { occurred_at: { gte: options.startTime.toISOString(), lte: options.endTime.toISOString() } } },
        ...filters,
      ],
    },
  };
  if (state.phase === 'count') return { body: { query, size: 0, track_total_hits: true }, plan: { kind: 'count', columns: [{ name: 'Count', type: 'long' }] } };
  if (state.phase === 'rows') return rowsBody(state, query, options);
  return bucketsBody(state, query, options);
}

function rowsBody(state: RowState, query: Dsl, options: OpenSearchCompileOptions): { body: Dsl; plan: ResultPlan } {
  const size = Math.min(state.take ?? options.maxRows, options.maxRows);
  const sort = state.sort ?? [
    { source: 'occurred_at', name: 'TimeGenerated', order: 'desc', nulls: 'last', span: null },
    { source: 'event_id', name: 'EventId', order: 'desc', nulls: 'last', span: null },
  ];
  const columns = state.schema.map((column) => ({ name: column.name, type: column.doc.type, field: column.doc.field }));
  return {
    body: {
      query,
      size,
      track_total_hits: true,
      _source: { includes: [...new Set(columns.map((column) => column.field))] },
      sort: sort.map((key) => ({ [key.source]: { order: key.order, missing: key.nulls === 'first' ? '_first' : '_last' } })),
    },
    plan: { kind: 'hits', columns, take: state.take },
  };
}

function bucketsBody(state: AggState, query: Dsl, options: OpenSearchCompileOptions): { body: Dsl; plan: ResultPlan } {
  const { keys, aggs } = state.summarize;
  const columns = state.columns;
  const reads = [...state.reads.values()];
  const keyReads = reads.filter((read): read is KeyRead => 'source' in read);
  const metricReads = reads.filter((read): read is MetricRead => 'read' in read);
  if (keys.length === 0) return { body: { query, size: 0, track_total_hits: true, aggs }, plan: { kind: 'metrics', columns, metrics: metricReads } };
  const rows = Math.min(state.take ?? options.maxRows, options.maxRows);
  const sortsOnMetric = state.sort?.some((key) => !keys.some((groupKey) => groupKey.read.source === key.source)) ?? false;
  if (sortsOnMetric) {
    const [only] = keys;
    if (keys.length !== 1 || !only || !('terms' in only.source) || state.sort?.length !== 1)
      throw unsupported('sort by an aggregate', state.sort?.[0]?.span ?? WHOLE, 'OpenSearch orders by one aggregate only when grouping by one column');
    const [key] = state.sort;
    const terms = { field: only.field, size: rows, shard_size: Math.max(rows * 2, 100), order: { [key?.source ?? '_count']: key?.order ?? 'desc' } };
    return {
      body: { query, size: 0, track_total_hits: true, aggs: { groups: { terms, aggs } } },
      plan: { kind: 'buckets', agg: 'terms', columns, keys: keyReads, metrics: metricReads, take: state.take },
    };
  }
  const order = new Map((state.sort ?? []).map((key) => [key.source, key.order]));
  const sources = [...keys]
    .sort((a, b) => sortRank(a.read.source, state.sort) - sortRank(b.read.source, state.sort))
    .map((key) => {
      const [type, spec] = Object.entries(key.source)[0] as [string, Dsl];
      return { [key.read.source]: { [type]: { ...spec, ...(order.has(key.read.source) ? { order: order.get(key.read.source) as string } : {}) } } };
    });
  return {
    body: {
      query,
      size: 0,
      track_total_hits: true,
      aggs: { groups: { composite: { size: rows + 1, sources }, ...(Object.keys(aggs).length ? { aggs } : {}) } },
    },
    plan: { kind: 'buckets', agg: 'composite', columns, keys: keyReads, metrics: metricReads, take: state.take },
  };
}

/** Composite sources are ordered by the sort keys first, so the buckets come back in the requested order. */
function sortRank(source: string, sort: Sort[] | null): number {
  const index = sort?.findIndex((key) => key.source === source) ?? -1;
  return index === -1 ? 1000 + Number(source.slice(1)) : index;
}

const WHOLE: Span = { start: 0, end: 0, line: 1, column: 1 };
