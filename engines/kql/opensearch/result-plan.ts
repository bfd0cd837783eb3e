import type { ScalarType } from '../ast.ts';

export type OutputColumn = { name: string; type: ScalarType };

/** How one aggregate is read back from a bucket (or from the top-level aggregations). */
export type MetricRead = OutputColumn & { read: { kind: 'doc_count' } | { kind: 'filter'; agg: string } | { kind: 'value'; agg: string; path: string[] } };

/** How one group key is read back from a composite key or a terms bucket; dates come back as epoch milliseconds. */
export type KeyRead = OutputColumn & { source: string };

/** What the response holds and how it becomes rows, in output column order. */
export type ResultPlan =
  | { kind: 'hits'; columns: (OutputColumn & { field: string })[]; take: number | null }
  | { kind: 'count'; columns: OutputColumn[] }
  | { kind: 'metrics'; columns: OutputColumn[]; metrics: MetricRead[] }
  | { kind: 'buckets'; agg: 'composite' | 'terms'; columns: OutputColumn[]; keys: KeyRead[]; metrics: MetricRead[]; take: number | null };
