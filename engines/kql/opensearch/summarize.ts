import type { CallExpr, Expr, NamedExpr, Span } from '../ast.ts';
import { resolveField } from './columns.ts';
import { constantOf } from './constant.ts';
import type { Dsl } from './dsl.ts';
import { unsupported } from './errors.ts';
import { compilePredicate, type PredicateScope } from './predicate.ts';
import type { KeyRead, MetricRead } from './result-plan.ts';

/** A group key as a composite/terms source, and how its value is read back. */
export type GroupKey = { read: KeyRead; source: Dsl; field: string };

/** The aggregations of a `summarize`: one sub-aggregation per metric (count() needs none: it is the bucket's doc_count). */
export type CompiledSummarize = { keys: GroupKey[]; metrics: MetricRead[]; aggs: Dsl };

const MAX_GROUP_KEYS = 10;

export function compileSummarize(aggregates: readonly NamedExpr[], by: readonly NamedExpr[], scope: PredicateScope, span: Span): CompiledSummarize {
  if (by.length > MAX_GROUP_KEYS) throw unsupported(`summarize by more than ${MAX_GROUP_KEYS} keys`, span);
  const keys = by.map((named, index) => groupKey(named, index, scope));
  const aggs: Dsl = {};
  const metrics = aggregates.map((named, index) => metric(named, index, scope, aggs));
  const names = [...keys.map((key) => key.read.name), ...metrics.map((read) => read.name)];
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate) throw unsupported(`duplicate output column '${duplicate}'`, span, 'give the columns distinct names');
  return { keys, metrics, aggs };
}

function groupKey(named: NamedExpr, index: number, scope: PredicateScope): GroupKey {
  const source = `k${index}`;
  const expr = named.expr;
  if (expr.kind === 'call' && expr.name === 'bin') return binKey(named, expr, source, scope);
  const ref = resolveField(expr, scope.schema);
  if (ref.path !== null || ref.column.doc.kind === 'flat' || ref.column.doc.kind === 'stored')
    throw unsupported(`summarize by ${ref.column.name}`, named.span, 'dynamic columns cannot be grouped on OpenSearch');
  return {
    read: { name: named.name ?? ref.column.name, type: ref.column.doc.type, source },
    source: { terms: { field: ref.field, missing_bucket: true } },
    field: ref.field,
  };
}

function binKey(named: NamedExpr, expr: CallExpr, source: string, scope: PredicateScope): GroupKey {
  const [target, size] = expr.args;
  if (!target || !size) throw unsupported('bin()', expr.span, 'bin takes a column and a bin size');
  const ref = resolveField(target, scope.schema);
  const step = constantOf(size, scope);
  const name = named.name ?? ref.column.name;
  if (ref.path === null && ref.column.doc.kind === 'date' && step.type === 'timespan' && Number(step.value) > 0) {
    return {
      read: { name, type: 'datetime', source },
      source: { date_histogram: { field: ref.field, fixed_interval: `${Math.round(Number(step.value))}ms` } },
      field: ref.field,
    };
  }
  if (ref.path === null && ref.column.doc.kind === 'long' && typeof step.value === 'number' && step.value > 0) {
    return { read: { name, type: ref.column.doc.type, source }, source: { histogram: { field: ref.field, interval: step.value } }, field: ref.field };
  }
  throw unsupported('bin()', expr.span, 'OpenSearch bins only a datetime column by a timespan or a number column by a positive number');
}

function metric(named: NamedExpr, index: number, scope: PredicateScope, aggs: Dsl): MetricRead {
  const expr = named.expr;
  if (expr.kind !== 'call') throw unsupported(`${expr.kind} in summarize`, named.span, 'summarize takes aggregation functions');
  const agg = `m${index}`;
  const [first, second] = expr.args;
  switch (expr.name) {
    case 'count':
      return { name: named.name ?? 'count_', type: 'long', read: { kind: 'doc_count' } };
    case 'countif':
      if (!first) break;
      aggs[agg] = { filter: compilePredicate(first, scope) };
      return { name: named.name ?? 'countif_', type: 'long', read: { kind: 'filter', agg } };
    case 'dcount': {
      if (!first) break;
      const ref = resolveField(first, scope.schema);
      aggs[agg] = { cardinality: { field: ref.field } };
      return { name: named.name ?? `dcount_${defaultSuffix(first)}`, type: 'long', read: { kind: 'value', agg, path: ['value'] } };
    }
    case 'sum':
    case 'avg':
    case 'min':
    case 'max': {
      if (!first) break;
      const ref = resolveField(first, scope.schema);
      const numeric = ref.path === null && (ref.column.doc.kind === 'long' || (ref.column.doc.kind === 'date' && (expr.name === 'min' || expr.name === 'max')));
      if (!numeric) throw unsupported(`${expr.name}(${ref.column.name})`, expr.span, 'OpenSearch aggregates only numeric columns (and min/max of datetimes)');
      aggs[agg] = { [expr.name]: { field: ref.field } };
      const type = ref.column.doc.kind === 'date' ? 'datetime' : expr.name === 'avg' ? 'real' : 'long';
      return { name: named.name ?? `${expr.name}_${defaultSuffix(first)}`, type, read: { kind: 'value', agg, path: ['value'] } };
    }
    case 'percentile': {
      if (!first || !second) break;
      const ref = resolveField(first, scope.schema);
      const percent = Number(constantOf(second, scope).value);
      if (ref.path !== null || ref.column.doc.kind !== 'long' || !(percent >= 0 && percent <= 100))
        throw unsupported('percentile()', expr.span, 'OpenSearch takes percentiles of numeric columns, 0 to 100');
      aggs[agg] = { percentiles: { field: ref.field, percents: [percent] } };
      return {
        name: named.name ?? `percentile_${defaultSuffix(first)}_${String(percent).replace('.', '_')}`,
        type: 'real',
        read: { kind: 'value', agg, path: ['values', percent.toFixed(1)] },
      };
    }
  }
  throw unsupported(`${expr.name}()`, expr.span, 'OpenSearch runs count, countif, dcount, sum, avg, min, max and percentile');
}

function defaultSuffix(expr: Expr): string {
  return expr.kind === 'name' ? expr.name : 'expr';
}
