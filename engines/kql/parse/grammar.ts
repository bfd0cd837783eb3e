import type {
  ExpandColumn,
  Expr,
  FunctionCallSource,
  JoinOp,
  LetFunction,
  LetStatement,
  LiteralExpr,
  LookupOp,
  MakeSeriesOp,
  MvApplyOp,
  NamedExpr,
  ScalarType,
  Span,
  TabularExpr,
  TabularOperator,
  UnsupportedOp,
} from '../ast.ts';
import type { Token } from '../tokens.ts';
import type { Cursor } from './cursor.ts';

/** The parsing functions one part of the grammar calls in another. */
export interface Grammar {
  isOptionAhead(c: Cursor): boolean;
  parseDynamic(c: Cursor): LiteralExpr;
  parseExpandColumn(c: Cursor): ExpandColumn;
  parseExpr(c: Cursor): Expr;
  parseFunctionCall(c: Cursor, name: Token): FunctionCallSource;
  parseJoin(c: Cursor, token: Token): JoinOp;
  parseLet(c: Cursor): LetStatement;
  parseLetFunction(c: Cursor, start: Token, name: string): LetFunction;
  parseList<T>(c: Cursor, close: string, item: (c: Cursor) => T): T[];
  parseLookup(c: Cursor, token: Token): LookupOp;
  parseMakeSeries(c: Cursor, token: Token): MakeSeriesOp;
  parseMvApply(c: Cursor, token: Token): MvApplyOp;
  parseNamedExpr(c: Cursor): NamedExpr;
  parseOperator(c: Cursor): TabularOperator;
  parseOption(c: Cursor, allowed?: readonly string[]): { key: string; value: Token };
  parseRender(c: Cursor): { visualization: string; span: Span };
  parseSearchPredicate(c: Cursor): Expr;
  parseTabular(c: Cursor): TabularExpr;
  parseTypeName(c: Cursor): ScalarType;
  parseUnionOptions(c: Cursor): string | null;
  parseUnionTables(c: Cursor): TabularExpr[];
  parseWildcardRest(c: Cursor, first: Token): string;
  skipSearchOptions(c: Cursor): void;
  startsTabular(c: Cursor): boolean;
  tableOnly(c: Cursor, start: Token): TabularExpr;
  unsupportedSource(c: Cursor, start: Token, construct: string): UnsupportedOp;
}

/**
 * KQL's grammar is recursive across these files (an expression holds a tabular subquery, a source holds expressions,
 * a join holds a pipeline). Each file calls into the others through this table, which `register.ts` fills once, so
 * the import graph stays acyclic.
 */
export const grammar = {} as Grammar;
