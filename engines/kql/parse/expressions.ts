import type { BinaryOp, Expr, LiteralExpr, NamedExpr, SetOp, StringOp, TabularExpr } from '../ast.ts';
import { KqlError } from '../diagnostics.ts';
import { spanOf, type Token } from '../tokens.ts';
import type { Cursor } from './cursor.ts';
import { grammar } from './grammar.ts';

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=', '<>']);

/** Word operators and their legacy spellings (`notcontains`, `containscs`) mapped to the AST's spelling. */
const STRING_WORDS: Record<string, StringOp> = {
  has: 'has',
  has_cs: 'has_cs',
  hasprefix: 'hasprefix',
  hasprefix_cs: 'hasprefix_cs',
  hassuffix: 'hassuffix',
  hassuffix_cs: 'hassuffix_cs',
  contains: 'contains',
  contains_cs: 'contains_cs',
  containscs: 'contains_cs',
  notcontains: '!contains',
  notcontainscs: '!contains_cs',
  startswith: 'startswith',
  startswith_cs: 'startswith_cs',
  endswith: 'endswith',
  endswith_cs: 'endswith_cs',
  like: 'like',
  notlike: '!like',
};

const NEGATED_STRING_OPS = new Set<string>([
  '!has',
  '!has_cs',
  '!hasprefix',
  '!hasprefix_cs',
  '!hassuffix',
  '!hassuffix_cs',
  '!contains',
  '!contains_cs',
  '!startswith',
  '!startswith_cs',
  '!endswith',
  '!endswith_cs',
  '!like',
]);

/** Functions whose argument is a tabular expression; Vigil does not run them (`toscalar` has its own node). */
const TABULAR_ARGUMENT_FUNCTIONS = new Set(['materialize', 'view']);

/** A full scalar expression (lowest precedence: `or`). */
export function parseExpr(c: Cursor): Expr {
  return parseOr(c);
}

function binary(op: BinaryOp, left: Expr, right: Expr): Expr {
  return { kind: 'binary', op, left, right, span: { ...left.span, end: right.span.end } };
}

function parseOr(c: Cursor): Expr {
  let left = parseAnd(c);
  while (c.acceptName('or')) left = binary('or', left, parseAnd(c));
  return left;
}

function parseAnd(c: Cursor): Expr {
  let left = parseComparison(c);
  while (c.acceptName('and')) left = binary('and', left, parseComparison(c));
  return left;
}

function parseComparison(c: Cursor): Expr {
  let left = parseAdditive(c);
  for (;;) {
    const token = c.peek();
    const text = token.text;
    if (token.kind === 'op') {
      if (COMPARISONS.has(text) || text === '=~' || text === '!~') {
        c.next();
        left = binary(text as BinaryOp, left, parseAdditive(c));
      } else if (text === '!in' || text === '!in~') {
        c.next();
        left = parseSet(c, text, left);
      } else if (text === '!between') {
        c.next();
        left = parseBetween(c, true, left);
      } else if (NEGATED_STRING_OPS.has(text)) {
        c.next();
        left = binary(text as StringOp, left, parseAdditive(c));
      } else if (text === ':' && c.inSearch) {
        c.next();
        left = binary('has', left, parseAdditive(c));
      } else return left;
    } else if (token.kind === 'name') {
      const stringOp = STRING_WORDS[text];
      if (stringOp) {
        c.next();
        left = binary(stringOp, left, parseAdditive(c));
      } else if (text === 'matches' && c.isName('regex', 1)) {
        c.next();
        c.next();
        left = binary('matches regex', left, parseAdditive(c));
      } else if (text === 'in' || text === 'in~' || text === 'has_any' || text === 'has_all') {
        c.next();
        left = parseSet(c, text, left);
      } else if (text === 'between') {
        c.next();
        left = parseBetween(c, false, left);
      } else return left;
    } else return left;
  }
}

/** `(a, b, …)` or `(T | project x)` after a set operator. */
function parseSet(c: Cursor, op: string, left: Expr): Expr {
  const open = c.peek();
  if (!c.isOp('(')) {
    // `x in dynamicList`: a single expression operand.
    const value = parseAdditive(c);
    return { kind: 'set', op: op as SetOp, left, values: [value], span: { ...left.span, end: value.span.end } };
  }
  c.next();
  let values: Expr[] | TabularExpr;
  if (c.pipeInsideGroup(c.pos - 1) || startsTabularKeyword(c) || isParenthesisedPipeline(c)) values = grammar.parseTabular(c);
  else values = parseList(c, ')', parseExpr);
  c.expectOp(')');
  return { kind: 'set', op: op as SetOp, left, values, span: { ...left.span, end: c.spanFrom(open).end } };
}

/** `x in ((T | project y))`: the operand's only item is itself a parenthesised pipeline. */
function isParenthesisedPipeline(c: Cursor): boolean {
  if (!c.isOp('(') || !c.pipeInsideGroup(c.pos)) return false;
  const after = c.tokens[c.matchingClose(c.pos) + 1];
  return after?.kind === 'op' && after.text === ')';
}

function startsTabularKeyword(c: Cursor): boolean {
  const token = c.peek();
  return token.kind === 'name' && (token.text === 'datatable' || token.text === 'print' || token.text === 'union' || token.text === 'range');
}

function parseBetween(c: Cursor, negated: boolean, left: Expr): Expr {
  c.expectOp('(');
  const low = parseAdditive(c);
  c.expectOp('..');
  const high = parseAdditive(c);
  const close = c.expectOp(')');
  return { kind: 'between', negated, left, low, high, span: { ...left.span, end: close.end } };
}

function parseAdditive(c: Cursor): Expr {
  let left = parseMultiplicative(c);
  while (c.isOp('+') || c.isOp('-')) {
    const op = c.next().text as '+' | '-';
    left = binary(op, left, parseMultiplicative(c));
  }
  return left;
}

function parseMultiplicative(c: Cursor): Expr {
  let left = parseUnary(c);
  while (c.isOp('*') || c.isOp('/') || c.isOp('%')) {
    const op = c.next().text as '*' | '/' | '%';
    left = binary(op, left, parseUnary(c));
  }
  return left;
}

function parseUnary(c: Cursor): Expr {
  if (c.isOp('-') || c.isOp('+')) {
    const sign = c.next();
    const operand = parseUnary(c);
    const span = { ...spanOf(sign), end: operand.span.end };
    // Fold `-1`, `-1h` into a literal so datatable rows and comparisons see the number itself.
    if (operand.kind === 'literal' && (typeof operand.value === 'number' || typeof operand.value === 'bigint') && operand.type !== 'datetime') {
      const value = sign.text === '-' ? -(operand.value as number) : operand.value;
      return { ...operand, value, span };
    }
    return { kind: 'unary', op: sign.text as '-' | '+', operand, span };
  }
  return parsePostfix(c);
}

function parsePostfix(c: Cursor): Expr {
  let expr = parsePrimary(c);
  for (;;) {
    if (c.isOp('.') && c.isOp('[', 1) && c.peek(2).kind === 'string' && c.isOp(']', 3)) {
      c.next();
      c.next();
      const name = c.next().value as string;
      const close = c.expectOp(']');
      expr = { kind: 'member', target: expr, name, span: { ...expr.span, end: close.end } };
    } else if (c.isOp('.') && c.isOp('[', 1)) {
      // `x.[0]` is `x[0]`.
      c.next();
      c.next();
      const index = parseExpr(c);
      const close = c.expectOp(']');
      expr = { kind: 'index', target: expr, index, span: { ...expr.span, end: close.end } };
    } else if (c.isOp('.')) {
      c.next();
      const name = c.peek();
      if (name.kind !== 'name') c.fail(['a property name']);
      c.next();
      expr = { kind: 'member', target: expr, name: name.text, span: { ...expr.span, end: name.end } };
    } else if (c.isOp('[')) {
      c.next();
      const index = parseExpr(c);
      const close = c.expectOp(']');
      expr = { kind: 'index', target: expr, index, span: { ...expr.span, end: close.end } };
    } else return expr;
  }
}

function literal(token: Token, type: LiteralExpr['type'], value: unknown): LiteralExpr {
  return { kind: 'literal', type, value, span: spanOf(token) };
}

function parsePrimary(c: Cursor): Expr {
  const token = c.peek();
  switch (token.kind) {
    case 'string':
      return parseStrings(c);
    case 'number':
      c.next();
      return literal(token, token.type ?? 'long', token.value);
    case 'timespan':
      c.next();
      return literal(token, 'timespan', token.value);
    case 'typed':
      c.next();
      return literal(token, token.type ?? 'null', token.value);
    case 'name':
      return parseNamePrimary(c, token);
    case 'op':
      if (token.text === '(') return parseParenthesised(c);
      if (token.text === '*') {
        c.next();
        return { kind: 'star', span: spanOf(token) };
      }
      if (token.text === '{' && c.peek(1).kind === 'name' && c.isOp('}', 2)) return parseClientParameter(c);
      if (token.text === '[' && c.peek(1).kind === 'string' && c.isOp(']', 2)) {
        const { name, span } = c.expectIdentifier();
        return { kind: 'name', name, span };
      }
      return c.fail(['an expression']);
    default:
      return c.fail(['an expression']);
  }
}

/** `{TimeRange}`: a placeholder that workbooks and dashboards substitute before Kusto sees the query. */
function parseClientParameter(c: Cursor): Expr {
  const open = c.next();
  const name = c.next().text;
  c.next();
  const span = c.spanFrom(open);
  c.unsupportedAt('workbook parameter', span, `{${name}} is a placeholder that a workbook fills in: put a value there before running the query`);
  return { kind: 'name', name, span };
}

/** Adjacent string literals concatenate: `'a' "b"` is `"ab"`. */
function parseStrings(c: Cursor): LiteralExpr {
  const first = c.next();
  let value = first.value as string;
  while (c.peek().kind === 'string') value += c.next().value as string;
  return { kind: 'literal', type: 'string', value, span: c.spanFrom(first) };
}

function parseNamePrimary(c: Cursor, token: Token): Expr {
  const text = token.text;
  if (text === 'true' || text === 'false' || text === 'True' || text === 'False' || text === 'TRUE' || text === 'FALSE') {
    c.next();
    return literal(token, 'bool', text.toLowerCase() === 'true');
  }
  if (text === 'null') {
    c.next();
    return literal(token, 'null', null);
  }
  if (text === 'and' || text === 'or') return c.fail(['an expression']);
  if (text === 'dynamic' && c.isOp('(', 1)) return grammar.parseDynamic(c);
  if (c.isOp('(', 1)) return parseCall(c, token);
  c.next();
  return { kind: 'name', name: text, span: spanOf(token) };
}

function parseCall(c: Cursor, name: Token): Expr {
  c.next();
  if (name.text === 'toscalar') {
    const query = parseToScalarArgument(c);
    if (query) return { kind: 'toscalar', query, span: c.spanFrom(name) };
  }
  if (TABULAR_ARGUMENT_FUNCTIONS.has(name.text) || name.text === 'toscalar') {
    c.skipGroup();
    const span = c.spanFrom(name);
    c.unsupportedAt(`${name.text}()`, span);
    return { kind: 'call', name: name.text, args: [], span };
  }
  c.expectOp('(');
  const args = parseList(c, ')', parseArgument);
  c.expectOp(')');
  return { kind: 'call', name: name.text, args, span: c.spanFrom(name) };
}

/**
 * `(T | …)` after `toscalar`, or null (cursor unchanged) when the argument is not one tabular expression, e.g. the
 * `kind=` option form or a scalar (both left to the unsupported path).
 */
function parseToScalarArgument(c: Cursor): TabularExpr | null {
  const at = c.pos;
  const recorded = c.unsupported.length;
  try {
    c.expectOp('(');
    const query = grammar.parseTabular(c);
    c.expectOp(')');
    return query;
  } catch (error) {
    if (!(error instanceof KqlError) || error.diagnostic.type !== 'SYNTAX_ERROR') throw error;
    c.pos = at;
    c.unsupported.length = recorded;
    return null;
  }
}

/** A call argument; `name = value` arguments (`bag_unpack(x, columnsConflict='…')`) keep only the value. */
function parseArgument(c: Cursor): Expr {
  if (c.peek().kind === 'name' && c.isOp('=', 1)) {
    c.next();
    c.next();
  }
  return parseExpr(c);
}

function parseParenthesised(c: Cursor): Expr {
  const open = c.next();
  if (c.pipeInsideGroup(c.pos - 1)) {
    grammar.parseTabular(c);
    c.expectOp(')');
    const span = c.spanFrom(open);
    c.unsupportedAt('tabular expression as a scalar', span, 'is valid KQL that Vigil does not run (use a let or a join)');
    return { kind: 'call', name: 'toscalar', args: [], span };
  }
  const inner = parseExpr(c);
  c.expectOp(')');
  return { ...inner, span: c.spanFrom(open) };
}

/** Items separated by commas up to (not including) `close`; the list may be empty. */
export function parseList<T>(c: Cursor, close: string, item: (c: Cursor) => T): T[] {
  const items: T[] = [];
  if (c.isOp(close)) return items;
  do items.push(item(c));
  while (c.acceptOp(','));
  return items;
}

/**
 * `name = expr`, `['a b'] = expr` or a bare `expr`. `(a, b) = f(x)` (multiple assignment) is recorded as
 * unsupported and keeps only the expression.
 */
export function parseNamedExpr(c: Cursor): NamedExpr {
  const start = c.peek();
  if (start.kind === 'name' && c.isOp('=', 1)) {
    c.next();
    c.next();
    const expr = parseExpr(c);
    return { name: start.text, nameSpan: spanOf(start), expr, span: c.spanFrom(start) };
  }
  if (c.isOp('[') && c.peek(1).kind === 'string' && c.isOp(']', 2) && c.isOp('=', 3)) {
    const { name, span: nameSpan } = c.expectIdentifier();
    c.next();
    const expr = parseExpr(c);
    return { name, nameSpan, expr, span: c.spanFrom(start) };
  }
  if (c.isOp('(')) {
    const close = c.matchingClose(c.pos);
    const after = c.tokens[close + 1];
    if (after?.kind === 'op' && after.text === '=') {
      c.skipGroup();
      c.next();
      const expr = parseExpr(c);
      c.unsupportedAt('(a, b) = …', c.spanFrom(start), 'multiple assignment is valid KQL that Vigil does not run');
      return { name: null, nameSpan: null, expr, span: c.spanFrom(start) };
    }
  }
  const expr = parseExpr(c);
  return { name: null, nameSpan: null, expr, span: expr.span };
}
