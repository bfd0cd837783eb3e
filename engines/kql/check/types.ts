import type { Expr, LetScalar, NamedExpr, Query, ScalarType, TableRef } from '../ast.ts';
import type { CatalogueTable } from '../catalogue.ts';

export interface Column {
  name: string;
  type: ScalarType;
}

export type Schema = readonly Column[];

/** `null` is the type of an untyped `null` literal: it fits any column. */
export type ExprType = ScalarType | 'null';

export type TableBinding = { kind: 'catalogue'; table: CatalogueTable } | { kind: 'let'; name: string };

export type NameBinding = { kind: 'column' } | { kind: 'let'; let: LetScalar & { value: { kind: 'scalar'; expr: Expr } } };

/** What the checker learnt about a query; the planners read it instead of re-deriving types and names. */
export interface CheckedQuery {
  query: Query;
  /** The type of every expression node. */
  types: Map<Expr, ExprType>;
  /** How each bare name resolved. */
  names: Map<Expr, NameBinding>;
  /** The output schema of every source, operator and pipeline node. */
  schemas: Map<object, Schema>;
  /** The schema entering every operator. */
  inputs: Map<object, Schema>;
  tables: Map<TableRef, TableBinding>;
  /** The output column name of every `name = expr` / bare expression (explicit or derived as Kusto does). */
  outputNames: Map<NamedExpr, string>;
  /** Tabular lets by name, with their output schema. */
  tabularLets: Map<string, Schema>;
  /** The result columns. */
  columns: Schema;
  summarizeShapes: Map<object, SummarizeColumn[]>;
  joinShapes: Map<object, JoinShape>;
  unionShapes: Map<object, UnionShape>;
  /** `mv-expand`: the output column of each expanded expression. */
  expandNames: Map<object, string>;
}

/** One output column of a summarize, in output order. */
export type SummarizeColumn =
  | { kind: 'by'; name: string; named: NamedExpr }
  | { kind: 'aggregate'; name: string; named: NamedExpr }
  /** arg_max/arg_min: the maximised value, then each carried column (`source` names the input column). */
  | { kind: 'arg-value'; name: string; call: Expr }
  | { kind: 'arg-column'; name: string; call: Expr; source: Expr | string };

export interface JoinShape {
  left: Schema;
  right: Schema;
  /** The output name of each right column (Kusto suffixes a name the left side has: `Id1`), null when dropped. */
  rightNames: (string | null)[];
}

export interface UnionShape {
  columns: Schema;
  /** Per input: its schema, its name (for withsource) and, per output column, the input column feeding it (or none). */
  inputs: { schema: Schema; label: string; sources: (string | null)[] }[];
  withSource: string | null;
  /** `search`: the tables searched, one per input. */
  refs?: TableRef[];
}

export function findColumn(schema: Schema, name: string): Column | undefined {
  return schema.find((column) => column.name === name);
}

export const NUMERIC: readonly ExprType[] = ['long', 'int', 'real', 'decimal'];

export function isNumeric(type: ExprType): boolean {
  return NUMERIC.includes(type);
}
