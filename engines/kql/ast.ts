/**
 * The typed KQL syntax tree. The parser produces it, the checker annotates types against the
 * catalogue, and the planners (SQL, OpenSearch DSL) consume it. Every node carries its source span
 * so diagnostics can point at the exact text.
 */

/** Offsets into the query text (UTF-16, end exclusive) plus the 1-based line and column of `start`. */
export interface Span {
  start: number;
  end: number;
  line: number;
  column: number;
}

export type ScalarType = 'string' | 'long' | 'int' | 'real' | 'decimal' | 'bool' | 'datetime' | 'timespan' | 'dynamic' | 'guid';

// ── Scalar expressions ────────────────────────────────────────────────────────────────

export interface LiteralExpr {
  kind: 'literal';
  /** `null` is an untyped null literal; typed nulls (`long(null)`) carry their type. */
  type: ScalarType | 'null';
  /**
   * string: the decoded text; long/int/real/decimal: the number (long beyond 2^53 is kept as a
   * bigint); bool: boolean; datetime: epoch milliseconds; timespan: milliseconds (ticks below a
   * millisecond are rounded); dynamic: the JSON value; guid: the lower-case text; null: null.
   */
  value: string | number | bigint | boolean | null | unknown;
  span: Span;
}

/** A bare identifier or a bracketed name (`['Account Name']`). Resolved to a column or a `let` scalar by the checker. */
export interface NameExpr {
  kind: 'name';
  name: string;
  span: Span;
}

/** `target.name` — dynamic property access or a qualified column (`$left.Id`). */
export interface MemberExpr {
  kind: 'member';
  target: Expr;
  name: string;
  span: Span;
}

/** `target[index]` — dynamic element or property access. */
export interface IndexExpr {
  kind: 'index';
  target: Expr;
  index: Expr;
  span: Span;
}

/** A function or aggregate call: `ago(1h)`, `count()`, `dcount(SrcIp)`, `bin(TimeGenerated, 1h)`. */
export interface CallExpr {
  kind: 'call';
  /** As written (KQL function names are case-sensitive and lower-case). */
  name: string;
  args: Expr[];
  span: Span;
}

export type UnaryOp = '-' | '+';

export interface UnaryExpr {
  kind: 'unary';
  op: UnaryOp;
  operand: Expr;
  span: Span;
}

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%';
export type ComparisonOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | '<>';
export type LogicalOp = 'and' | 'or';

/**
 * String operators exactly as KQL spells them. Negations and `_cs` forms are distinct operators
 * because their semantics differ (`!has` is not `not(has)` on nulls only in edge cases, but the
 * planner keeps the spelling for diagnostics and for OpenSearch).
 */
export type StringOp =
  | '=~'
  | '!~'
  | 'has'
  | '!has'
  | 'has_cs'
  | '!has_cs'
  | 'hasprefix'
  | '!hasprefix'
  | 'hasprefix_cs'
  | '!hasprefix_cs'
  | 'hassuffix'
  | '!hassuffix'
  | 'hassuffix_cs'
  | '!hassuffix_cs'
  | 'contains'
  | '!contains'
  | 'contains_cs'
  | '!contains_cs'
  | 'startswith'
  | '!startswith'
  | 'startswith_cs'
  | '!startswith_cs'
  | 'endswith'
  | '!endswith'
  | 'endswith_cs'
  | '!endswith_cs'
  | 'matches regex'
  | 'like'
  | '!like';

export type BinaryOp = ArithmeticOp | ComparisonOp | LogicalOp | StringOp;

export interface BinaryExpr {
  kind: 'binary';
  op: BinaryOp;
  left: Expr;
  right: Expr;
  span: Span;
}

export type SetOp = 'in' | '!in' | 'in~' | '!in~' | 'has_any' | 'has_all';

/** `x in (1, 2)`, `x !in~ ('a')`, `x has_any (...)`, or `x in (T | project y)` with a tabular operand. */
export interface SetExpr {
  kind: 'set';
  op: SetOp;
  left: Expr;
  values: Expr[] | TabularExpr;
  span: Span;
}

/** `x between (low .. high)` and `x !between (low .. high)`. */
export interface BetweenExpr {
  kind: 'between';
  negated: boolean;
  left: Expr;
  low: Expr;
  high: Expr;
  span: Span;
}

/** `*` where KQL allows it: `count(*)` is not KQL, but `search *`, `project-away *` patterns and `has_any(*)` are handled by operators. Kept for `where * has "x"`. */
export interface StarExpr {
  kind: 'star';
  span: Span;
}

/** `toscalar(T)`: the first column of the first row of a tabular expression, as a scalar. */
export interface ToScalarExpr {
  kind: 'toscalar';
  query: TabularExpr;
  span: Span;
}

export type Expr = LiteralExpr | NameExpr | MemberExpr | IndexExpr | CallExpr | UnaryExpr | BinaryExpr | SetExpr | BetweenExpr | StarExpr | ToScalarExpr;

// ── Tabular operators ─────────────────────────────────────────────────────────────────

/** `name = expr` or a bare `expr` (the output column name is then derived from the expression). */
export interface NamedExpr {
  /** Explicit output name; `(a, b) = f(x)` multi-assignment is not supported and is a syntax error. */
  name: string | null;
  nameSpan: Span | null;
  expr: Expr;
  span: Span;
}

export interface WhereOp {
  kind: 'where';
  predicate: Expr;
  span: Span;
}

export interface ProjectOp {
  kind: 'project';
  columns: NamedExpr[];
  span: Span;
}

/** `project-away` and `project-keep` take names or wildcard patterns (`Event*`). */
export interface ProjectAwayOp {
  kind: 'project-away';
  patterns: { pattern: string; span: Span }[];
  span: Span;
}

export interface ProjectKeepOp {
  kind: 'project-keep';
  patterns: { pattern: string; span: Span }[];
  span: Span;
}

export interface ProjectRenameOp {
  kind: 'project-rename';
  renames: { to: string; from: string; span: Span }[];
  span: Span;
}

export interface ProjectReorderOp {
  kind: 'project-reorder';
  columns: { pattern: string; direction: 'asc' | 'desc' | 'granny-asc' | 'granny-desc' | null; span: Span }[];
  span: Span;
}

export interface ExtendOp {
  kind: 'extend';
  columns: NamedExpr[];
  span: Span;
}

export interface SummarizeOp {
  kind: 'summarize';
  /** Aggregations (`count()`, `c = dcount(x)`); may be empty when only `by` is given. */
  aggregates: NamedExpr[];
  by: NamedExpr[];
  span: Span;
}

export interface SortKey {
  expr: Expr;
  /** KQL's default for sort/order/top is descending. */
  direction: 'asc' | 'desc';
  /** Null placement as written; `null` means KQL's default (nulls last for desc, first for asc). */
  nulls: 'first' | 'last' | null;
  span: Span;
}

export interface SortOp {
  kind: 'sort';
  /** `sort` or `order` as written. */
  keyword: 'sort' | 'order';
  keys: SortKey[];
  span: Span;
}

export interface TopOp {
  kind: 'top';
  count: Expr;
  keys: SortKey[];
  span: Span;
}

export interface TakeOp {
  kind: 'take';
  /** `take` or `limit` as written. */
  keyword: 'take' | 'limit';
  count: Expr;
  span: Span;
}

export interface DistinctOp {
  kind: 'distinct';
  /** Empty with `star: true` for `distinct *`. */
  columns: Expr[];
  star: boolean;
  span: Span;
}

export interface CountOp {
  kind: 'count';
  span: Span;
}

/** `| search "term"` or `| search Column has "x" and ...` inside a pipeline. */
export interface SearchOp {
  kind: 'search';
  predicate: Expr;
  span: Span;
}

export type JoinKind =
  | 'inner'
  | 'innerunique'
  | 'leftouter'
  | 'rightouter'
  | 'fullouter'
  | 'leftanti'
  | 'rightanti'
  | 'leftsemi'
  | 'rightsemi'
  | 'leftantisemi'
  | 'rightantisemi';

/** One equality key: `on Id` (same name both sides) or `on $left.A == $right.B`. */
export interface JoinKey {
  left: string;
  right: string;
  span: Span;
}

export interface JoinOp {
  kind: 'join';
  /** `null` when no `kind=` was written (KQL's default is innerunique). */
  joinKind: JoinKind | null;
  right: TabularExpr;
  on: JoinKey[];
  span: Span;
}

export interface UnionOp {
  kind: 'union';
  tables: TabularExpr[];
  /** `withsource=ColumnName`, if given. */
  withSource: string | null;
  span: Span;
}

/** One array an `mv-expand`/`mv-apply` expands: `[name =] expr [to typeof(type)]`. */
export interface ExpandColumn {
  name: string | null;
  expr: Expr;
  toType: ScalarType | null;
  span: Span;
}

export interface MvExpandOp {
  kind: 'mv-expand';
  columns: ExpandColumn[];
  /** `limit N`, if given. */
  limit: Expr | null;
  span: Span;
}

/**
 * `mv-apply [with_itemindex=I] cols [limit N] on (subquery)`: expands the arrays of each row, runs the subquery (operators
 * only, its input is that row's expanded rows) and unions the results.
 */
export interface MvApplyOp {
  kind: 'mv-apply';
  columns: ExpandColumn[];
  /** `with_itemindex=Name`, if given. */
  itemIndex: string | null;
  limit: Expr | null;
  subquery: TabularOperator[];
  span: Span;
}

/**
 * `make-series Agg [default=v], … on Axis (from a)? (to b)? step s | in range(a, b, s) [by …]`: one row per group whose
 * aggregate columns are arrays over the axis bins.
 */
export interface MakeSeriesOp {
  kind: 'make-series';
  /** `kind=nonempty` (a group with no rows still yields a series); `null` when not written. */
  seriesKind: 'nonempty' | null;
  /** Each aggregate with its `default=` fill for empty bins (`null`: KQL's default, the type's null or 0 for counts). */
  aggregates: { column: NamedExpr; default: Expr | null; span: Span }[];
  /** The axis column (`on TimeGenerated`). */
  on: Expr;
  /** `from`/`to` may be omitted (then the data's own min/max); `in range(a, b, s)` fills all three. */
  from: Expr | null;
  to: Expr | null;
  step: Expr;
  /** Which syntax was written, for diagnostics. */
  rangeSyntax: 'from-to-step' | 'in-range';
  by: NamedExpr[];
  span: Span;
}

/** `lookup [kind=leftouter|inner] Right on keys`: a join that keeps the left side's rows and order (a dimension lookup). */
export interface LookupOp {
  kind: 'lookup';
  /** KQL's default, `leftouter`, is filled in when no `kind=` was written. */
  lookupKind: 'leftouter' | 'inner';
  right: TabularExpr;
  on: JoinKey[];
  span: Span;
}

/** A piece of a `parse` pattern: a string literal to match, or a column to capture (`*` is `column: null`). */
export type ParsePart = { kind: 'text'; text: string; span: Span } | { kind: 'capture'; column: string | null; type: ScalarType | null; span: Span };

export interface ParseOp {
  kind: 'parse';
  /** `parse kind=regex ...` and `kind=relaxed` are accepted by the parser; the planner may refuse them. */
  parseKind: 'simple' | 'regex' | 'relaxed';
  source: Expr;
  pattern: ParsePart[];
  span: Span;
}

/** `parse-where`: `parse` that also drops the rows the pattern does not match (a distinct kind so no planner treats it as `parse`). */
export interface ParseWhereOp extends Omit<ParseOp, 'kind'> {
  kind: 'parse-where';
}

/** `| as Name` is recognised only to be refused; valid KQL operators we do not run are `unsupported` (see UnsupportedOp). */
export interface UnsupportedOp {
  kind: 'unsupported';
  /** The operator's name as KQL spells it (`render`, `make-series`, `evaluate`, …). */
  operator: string;
  span: Span;
}

export type TabularOperator =
  | WhereOp
  | ProjectOp
  | ProjectAwayOp
  | ProjectKeepOp
  | ProjectRenameOp
  | ProjectReorderOp
  | ExtendOp
  | SummarizeOp
  | SortOp
  | TopOp
  | TakeOp
  | DistinctOp
  | CountOp
  | SearchOp
  | JoinOp
  | UnionOp
  | MvExpandOp
  | MvApplyOp
  | MakeSeriesOp
  | LookupOp
  | ParseOp
  | ParseWhereOp
  | UnsupportedOp;

// ── Tabular sources ───────────────────────────────────────────────────────────────────

/** A table or a tabular `let` name. `table('X')` is also a TableRef. */
export interface TableRef {
  kind: 'table';
  name: string;
  span: Span;
}

export interface DatatableSource {
  kind: 'datatable';
  columns: { name: string; type: ScalarType; span: Span }[];
  /** Row-major literal values; `values.length` is a multiple of `columns.length` (checked by the checker). */
  values: Expr[];
  span: Span;
}

/** `search [in (T1, T2)] predicate` at the start of a query. `tables` empty means every searchable table. */
export interface SearchSource {
  kind: 'search';
  tables: string[];
  predicate: Expr;
  span: Span;
}

/** `union T1, T2` at the start of a query. */
export interface UnionSource {
  kind: 'union';
  tables: TabularExpr[];
  withSource: string | null;
  span: Span;
}

/** `print x = 1, y = now()`. */
export interface PrintSource {
  kind: 'print';
  columns: NamedExpr[];
  span: Span;
}

/** A parenthesised tabular expression used as a source: `(T | where x) | count`. */
export interface NestedSource {
  kind: 'nested';
  query: TabularExpr;
  span: Span;
}

/** `range x from a to b step s`: one column `x` holding a, a+s, … up to b (numbers, datetimes or timespans). */
export interface RangeSource {
  kind: 'range';
  column: string;
  columnSpan: Span;
  from: Expr;
  to: Expr;
  step: Expr;
  span: Span;
}

/** `materialize(T)`: T evaluated once and reused wherever the enclosing `let` name is referenced. */
export interface MaterializeSource {
  kind: 'materialize';
  query: TabularExpr;
  span: Span;
}

/** A call of a `let` function with a tabular body, as a source: `f(1, "x") | count` (see LetFunction). */
export interface FunctionCallSource {
  kind: 'function-call';
  name: string;
  args: Expr[];
  span: Span;
}

/**
 * `UnsupportedOp` as a source (`range`, `evaluate`, `externaldata`, a stored function `f()`) appears only when the
 * parser was called with `allowUnsupported`; by default `parseKql` throws UNSUPPORTED_OPERATOR instead.
 */
export type TabularSource =
  | TableRef
  | DatatableSource
  | SearchSource
  | UnionSource
  | PrintSource
  | NestedSource
  | RangeSource
  | MaterializeSource
  | FunctionCallSource
  | UnsupportedOp;

/** `source | op | op …`. */
export interface TabularExpr {
  kind: 'pipeline';
  source: TabularSource;
  operators: TabularOperator[];
  /**
   * `| render timechart with (…)` as the last operator: a presentation hint for the client (Kusto returns the same rows
   * with it); added by the parser helper. `render` anywhere else is an `unsupported` operator.
   */
  render?: { visualization: string; span: Span };
  span: Span;
}

// ── Statements ────────────────────────────────────────────────────────────────────────

export interface LetScalar {
  kind: 'let';
  name: string;
  value: { kind: 'scalar'; expr: Expr } | { kind: 'tabular'; query: TabularExpr };
  span: Span;
}

/** A parameter of a `let` function: `a:string`, `n:long = 5`, or a tabular one `T:(State:string)` / `T:(*)`. */
export interface FunctionParam {
  name: string;
  type: { kind: 'scalar'; type: ScalarType } | { kind: 'tabular'; columns: { name: string; type: ScalarType; span: Span }[]; anyColumns: boolean };
  /** `= value` (scalar parameters only); the argument may then be omitted. */
  default: Expr | null;
  span: Span;
}

/**
 * `let f = [view] (params) { [let …;]* value }`: a user function. A scalar body is called in expressions (`f(x)`, a
 * CallExpr named `f`); a tabular body is called as a source (`f(1) | …`, a FunctionCallSource) or, without
 * parameters, by its bare name (a TableRef). A parameterless `view () { T | … }` without inner lets stays a tabular
 * LetScalar.
 */
export interface LetFunction {
  kind: 'let-function';
  name: string;
  /** Written with `view` (then also visible to `union *` and `search *`). */
  view: boolean;
  params: FunctionParam[];
  body: {
    lets: LetStatement[];
    value: { kind: 'scalar'; expr: Expr } | { kind: 'tabular'; query: TabularExpr };
    span: Span;
  };
  span: Span;
}

export type LetStatement = LetScalar | LetFunction;

/** A query: `let` statements separated by `;` and one tabular expression. */
export interface Query {
  lets: LetStatement[];
  body: TabularExpr;
  span: Span;
}
