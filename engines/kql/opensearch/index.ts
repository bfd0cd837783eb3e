export { type CompiledSearch, compileKqlToOpenSearch, type OpenSearchCompileOptions } from './compile.ts';
export type { Dsl } from './dsl.ts';
export { type DocField, EVENT_FIELDS } from './fields.ts';
export type { KeyRead, MetricRead, OutputColumn, ResultPlan } from './result-plan.ts';
