import type {
  ExpandColumn,
  Expr,
  MvExpandOp,
  ParseOp,
  ParsePart,
  ProjectReorderOp,
  ScalarType,
  SortKey,
  Span,
  SummarizeOp,
  TabularExpr,
  TabularOperator,
} from '../ast.ts';
import { spanOf, type Token } from '../tokens.ts';
import { UNSUPPORTED_OPERATORS } from '../unsupported.ts';
import type { Cursor } from './cursor.ts';
import { grammar } from './grammar.ts';

const REORDER_DIRECTIONS = new Set(['asc', 'desc', 'granny-asc', 'granny-desc']);

/** The operator after a `|`. */
export function parseOperator(c: Cursor): TabularOperator {
  const token = c.peek();
  if (token.kind !== 'name') return c.fail(['a query operator']);
  c.next();
  switch (token.text) {
    case 'where':
    case 'filter':
      return parseWhere(c, token);
    case 'project':
      return { kind: 'project', columns: grammar.parseList(c, '|', grammar.parseNamedExpr), span: c.spanFrom(token) };
    case 'extend':
      return { kind: 'extend', columns: grammar.parseList(c, '|', grammar.parseNamedExpr), span: c.spanFrom(token) };
    case 'project-away':
    case 'project-keep':
      return { kind: token.text, patterns: grammar.parseList(c, '|', parsePattern), span: c.spanFrom(token) };
    case 'project-rename':
      return { kind: 'project-rename', renames: grammar.parseList(c, '|', parseRename), span: c.spanFrom(token) };
    case 'project-reorder':
      return parseProjectReorder(c, token);
    case 'summarize':
      return parseSummarize(c, token);
    case 'sort':
    case 'order':
      skipHints(c);
      c.expectName('by');
      return { kind: 'sort', keyword: token.text, keys: grammar.parseList(c, '|', parseSortKey), span: c.spanFrom(token) };
    case 'top': {
      const count = grammar.parseExpr(c);
      c.expectName('by');
      return { kind: 'top', count, keys: grammar.parseList(c, '|', parseSortKey), span: c.spanFrom(token) };
    }
    case 'take':
    case 'limit':
      skipHints(c);
      return { kind: 'take', keyword: token.text, count: grammar.parseExpr(c), span: c.spanFrom(token) };
    case 'distinct':
      return parseDistinct(c, token);
    case 'count':
      return { kind: 'count', span: spanOf(token) };
    case 'search':
      grammar.skipSearchOptions(c);
      return { kind: 'search', predicate: parseSearchPredicate(c), span: c.spanFrom(token) };
    case 'join':
      return grammar.parseJoin(c, token);
    case 'union': {
      const withSource = parseUnionOptions(c);
      return { kind: 'union', tables: parseUnionTables(c), withSource, span: c.spanFrom(token) };
    }
    case 'mv-expand':
      return parseMvExpand(c, token);
    case 'parse':
      return parseParse(c, token);
    case 'parse-where':
      return { ...parseParse(c, token), kind: 'parse-where' };
    case 'make-series':
      return grammar.parseMakeSeries(c, token);
    case 'lookup':
      return grammar.parseLookup(c, token);
    case 'mv-apply':
      return grammar.parseMvApply(c, token);
  }
  const shape = UNSUPPORTED_SHAPES[token.text];
  if (shape) {
    shape(c);
    const span = c.spanFrom(token);
    c.unsupportedAt(token.text, span);
    return { kind: 'unsupported', operator: token.text, span };
  }
  if (UNSUPPORTED_OPERATORS.has(token.text)) return grammar.unsupportedSource(c, token, token.text);
  return c.fail(['a query operator'], token);
}

/** `render chart [kind=… …] [with (…)]`; the options only shape the chart, so they are checked for syntax and dropped. */
export function parseRender(c: Cursor): { visualization: string; span: Span } {
  const start = c.next();
  const { name } = c.expectIdentifier('a visualization');
  while (grammar.isOptionAhead(c)) grammar.parseOption(c);
  if (c.acceptName('with')) {
    if (!c.isOp('(')) c.fail(["'('"]);
    c.skipGroup();
  }
  return { visualization: name, span: c.spanFrom(start) };
}

/**
 * The syntax of the unsupported operators written most often, parsed (and discarded) so that a malformed one is still a
 * SYNTAX_ERROR, as in Kusto; the others are skipped up to the next top-level `|`.
 */
const UNSUPPORTED_SHAPES: Record<string, (c: Cursor) => void> = {
  evaluate: (c) => {
    while (grammar.isOptionAhead(c)) grammar.parseOption(c);
    grammar.parseExpr(c);
  },
  invoke: (c) => {
    if (grammar.parseExpr(c).kind !== 'call') c.fail(['a function call']);
  },
  as: (c) => {
    while (grammar.isOptionAhead(c)) grammar.parseOption(c);
    c.expectIdentifier('a name');
  },
  serialize: (c) => {
    grammar.parseList(c, '|', grammar.parseNamedExpr);
  },
  getschema: () => {},
  sample: (c) => {
    grammar.parseExpr(c);
  },
  'sample-distinct': (c) => {
    grammar.parseExpr(c);
    c.expectName('of');
    grammar.parseExpr(c);
  },
};

function parseWhere(c: Cursor, token: Token): TabularOperator {
  const predicate = grammar.parseExpr(c);
  if (c.isOp('=')) {
    // Microsoft's parser accepts `where a = b`; Kusto then refuses it. Vigil says what to write instead.
    const equals = c.next();
    grammar.parseExpr(c);
    c.unsupportedAt('=', spanOf(equals), "is an assignment, not a comparison: use '==' in a predicate");
  }
  return { kind: 'where', predicate, span: c.spanFrom(token) };
}

/** `search "term"` / `search Col has "x"`: `Col:"x"` means `has` inside the predicate. */
export function parseSearchPredicate(c: Cursor): Expr {
  c.inSearch = true;
  try {
    return grammar.parseExpr(c);
  } finally {
    c.inSearch = false;
  }
}

/** A name or wildcard pattern (`Event*`, `*Id`, `['a b']`) for project-away/keep/reorder. */
function parsePattern(c: Cursor): { pattern: string; span: Span } {
  const first = c.peek();
  if (c.isOp('[')) return (({ name, span }) => ({ pattern: name, span }))(c.expectIdentifier('a column name'));
  if (first.kind !== 'name' && !c.isOp('*')) return c.fail(['a column name']);
  c.next();
  return { pattern: grammar.parseWildcardRest(c, first), span: c.spanFrom(first) };
}

function parseRename(c: Cursor): { to: string; from: string; span: Span } {
  const start = c.peek();
  const to = c.expectIdentifier('a column name').name;
  c.expectOp('=');
  const from = c.expectIdentifier('a column name').name;
  return { to, from, span: c.spanFrom(start) };
}

function parseProjectReorder(c: Cursor, token: Token): ProjectReorderOp {
  const columns = grammar.parseList(c, '|', (c) => {
    const { pattern, span } = parsePattern(c);
    const word = c.peek().text;
    const direction = c.peek().kind === 'name' && REORDER_DIRECTIONS.has(word) ? (word as ProjectReorderOp['columns'][number]['direction']) : null;
    if (direction) c.next();
    return { pattern, direction, span: direction ? { ...span, end: c.spanFrom(c.peek()).end } : span };
  });
  return { kind: 'project-reorder', columns, span: c.spanFrom(token) };
}

/** `hint.strategy=shuffle`, `hint.shufflekey=x`: accepted and ignored (they only tune Kusto's execution). */
function skipHints(c: Cursor): void {
  while (c.isName('hint') && grammar.isOptionAhead(c)) grammar.parseOption(c);
}

function parseSummarize(c: Cursor, token: Token): SummarizeOp {
  skipHints(c);
  const aggregates = c.isName('by') ? [] : grammar.parseList(c, '|', grammar.parseNamedExpr);
  const by = c.acceptName('by') ? grammar.parseList(c, '|', grammar.parseNamedExpr) : [];
  return { kind: 'summarize', aggregates, by, span: c.spanFrom(token) };
}

function parseSortKey(c: Cursor): SortKey {
  const start = c.peek();
  const expr = grammar.parseExpr(c);
  let direction: 'asc' | 'desc' = 'desc';
  if (c.acceptName('asc')) direction = 'asc';
  else c.acceptName('desc');
  let nulls: 'first' | 'last' | null = null;
  if (c.acceptName('nulls')) {
    if (c.acceptName('first')) nulls = 'first';
    else if (c.acceptName('last')) nulls = 'last';
    else c.fail(["'first'", "'last'"]);
  }
  return { expr, direction, nulls, span: c.spanFrom(start) };
}

function parseDistinct(c: Cursor, token: Token): TabularOperator {
  skipHints(c);
  if (c.isOp('*')) {
    c.next();
    return { kind: 'distinct', columns: [], star: true, span: c.spanFrom(token) };
  }
  return { kind: 'distinct', columns: grammar.parseList(c, '|', grammar.parseExpr), star: false, span: c.spanFrom(token) };
}

/** `kind=`, `withsource=`, `isfuzzy=`, `hint.*=` before the tables of `union`; returns the withsource column. */
export function parseUnionOptions(c: Cursor): string | null {
  let withSource: string | null = null;
  while (grammar.isOptionAhead(c)) {
    const { key, value } = grammar.parseOption(c, ['kind', 'withsource', 'isfuzzy']);
    if (key === 'withsource') withSource = value.kind === 'string' ? (value.value as string) : value.text;
  }
  return withSource;
}

/** `T1, (T2 | where x), Sec*` after `union`. */
export function parseUnionTables(c: Cursor): TabularExpr[] {
  return grammar.parseList(c, '|', (c) => {
    const start = c.peek();
    if (c.isOp('(')) {
      c.next();
      const query = grammar.parseTabular(c);
      c.expectOp(')');
      return query;
    }
    return tableOnly(c, start);
  });
}

/** A bare table operand (`T`, `Sec*`, `table('x')`) as a one-source pipeline. */
export function tableOnly(c: Cursor, start: Token): TabularExpr {
  if (c.isName('table') && c.isOp('(', 1)) return parseTabularOperand(c);
  if (c.isOp('[')) {
    const { name, span } = c.expectIdentifier('a table name');
    return { kind: 'pipeline', source: { kind: 'table', name, span }, operators: [], span };
  }
  if (start.kind !== 'name' && !c.isOp('*')) return c.fail(['a table name', "'('"]);
  c.next();
  if (c.isOp('(') && c.isOp(')', 1) && c.tabularFunctions.has(start.text)) {
    c.next();
    c.next();
    const span = c.spanFrom(start);
    return { kind: 'pipeline', source: { kind: 'table', name: start.text, span }, operators: [], span };
  }
  if (c.isOp('(') && c.functions.get(start.text) === 'tabular') {
    const source = grammar.parseFunctionCall(c, start);
    return { kind: 'pipeline', source, operators: [], span: source.span };
  }
  if (c.isOp('(')) {
    const source = unsupportedSourceCall(c, start);
    return { kind: 'pipeline', source, operators: [], span: source.span };
  }
  const name = grammar.parseWildcardRest(c, start);
  const span = c.spanFrom(start);
  return { kind: 'pipeline', source: { kind: 'table', name, span }, operators: [], span };
}

function unsupportedSourceCall(c: Cursor, start: Token) {
  c.skipGroup();
  const span = c.spanFrom(start);
  c.unsupportedAt(`${start.text}()`, span);
  return { kind: 'unsupported' as const, operator: `${start.text}()`, span };
}

/** `table('X')` without a pipe: parsed as a pipeline so the source rules apply. */
function parseTabularOperand(c: Cursor): TabularExpr {
  const start = c.peek();
  c.next();
  c.expectOp('(');
  const name = c.peek();
  if (name.kind !== 'string') c.fail(['a table name string']);
  c.next();
  c.expectOp(')');
  const span = c.spanFrom(start);
  return { kind: 'pipeline', source: { kind: 'table', name: name.value as string, span }, operators: [], span };
}

function parseMvExpand(c: Cursor, token: Token): MvExpandOp {
  while (grammar.isOptionAhead(c) && !c.isOp('=', 1)) grammar.parseOption(c);
  while (c.peek().kind === 'name' && ['bagexpansion', 'with_itemindex', 'kind'].includes(c.peek().text) && c.isOp('=', 1)) grammar.parseOption(c);
  const columns = grammar.parseList(c, '|', parseExpandColumn);
  const limit = c.acceptName('limit') ? grammar.parseExpr(c) : null;
  return { kind: 'mv-expand', columns, limit, span: c.spanFrom(token) };
}

/** `[name =] expr [to typeof(type)]` in mv-expand and mv-apply. */
export function parseExpandColumn(c: Cursor): ExpandColumn {
  const named = grammar.parseNamedExpr(c);
  let toType: ScalarType | null = null;
  if (c.acceptName('to')) {
    c.expectName('typeof');
    c.expectOp('(');
    toType = grammar.parseTypeName(c);
    c.expectOp(')');
  }
  return { name: named.name, expr: named.expr, toType, span: { ...named.span, end: c.spanFrom(c.peek()).end } };
}

function parseParse(c: Cursor, token: Token): ParseOp {
  let parseKind: ParseOp['parseKind'] = 'simple';
  while (grammar.isOptionAhead(c)) {
    const { key, value } = grammar.parseOption(c, ['kind', 'flags']);
    if (key === 'kind') {
      if (value.text !== 'simple' && value.text !== 'regex' && value.text !== 'relaxed') c.fail(["'simple'", "'regex'", "'relaxed'"], value);
      parseKind = value.text;
    }
  }
  const source = grammar.parseExpr(c);
  c.expectName('with');
  const pattern: ParsePart[] = [];
  for (;;) {
    const part = c.peek();
    if (part.kind === 'string') {
      c.next();
      pattern.push({ kind: 'text', text: part.value as string, span: spanOf(part) });
    } else if (c.isOp('*')) {
      c.next();
      pattern.push({ kind: 'capture', column: null, type: null, span: spanOf(part) });
    } else if (part.kind === 'name' || (c.isOp('[') && c.peek(1).kind === 'string')) {
      const { name } = c.expectIdentifier('a column name');
      const type = c.acceptOp(':') ? grammar.parseTypeName(c) : null;
      pattern.push({ kind: 'capture', column: name, type, span: c.spanFrom(part) });
    } else break;
  }
  if (pattern.length === 0) c.fail(['a parse pattern']);
  return { kind: 'parse', parseKind, source, pattern, span: c.spanFrom(token) };
}
