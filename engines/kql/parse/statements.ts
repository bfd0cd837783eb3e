import type { Expr, LetStatement, Query, TabularExpr } from '../ast.ts';
import { spanOf, type Token } from '../tokens.ts';
import type { Cursor } from './cursor.ts';
import { grammar } from './grammar.ts';

/** Statements Kusto accepts that Vigil does not run; the whole statement up to `;` is skipped. */
const UNSUPPORTED_STATEMENTS = new Set(['set', 'declare', 'alias', 'restrict', 'pattern']);

/** First tokens that always begin a tabular expression. */
const TABULAR_KEYWORDS = new Set([
  'datatable',
  'print',
  'union',
  'search',
  'range',
  'find',
  'externaldata',
  'external_data',
  'evaluate',
  'cluster',
  'database',
  'materialize',
]);

/** `let …;`* followed by one tabular expression, with `;` between statements and optionally at the end. */
export function parseQuery(c: Cursor): Query {
  const first = c.peek();
  const lets: LetStatement[] = [];
  let body: TabularExpr | null = null;
  while (!c.atEnd) {
    if (c.acceptOp(';')) continue;
    const token = c.peek();
    if (token.kind === 'name' && token.text === 'let') lets.push(parseLet(c));
    else if (token.kind === 'name' && UNSUPPORTED_STATEMENTS.has(token.text) && !c.isOp('|', 1) && !c.isOp(';', 1) && c.peek(1).kind !== 'eof') {
      c.next();
      c.skipToBoundary(false);
      c.unsupportedAt(`${token.text} statement`, c.spanFrom(token));
    } else {
      const statement = parseBodyStatement(c);
      if (body && statement) c.unsupportedAt('multiple query statements', statement.span, 'are valid KQL that Vigil does not run (one query per request)');
      body ??= statement;
    }
    if (!c.atEnd && !c.isOp(';')) c.fail(["';'", "'|'"]);
  }
  if (!body) {
    if (lets.length === 0 && c.unsupported.length === 0) return c.fail(['a query']);
    const span = c.spanFrom(first);
    c.unsupportedAt('statements without a tabular expression', span, 'are valid KQL but return nothing to show');
    const empty: TabularExpr = { kind: 'pipeline', source: { kind: 'print', columns: [], span }, operators: [], span };
    return { lets, body: empty, span };
  }
  return { lets, body, span: c.spanFrom(first) };
}

/** The body, or null when it is a scalar expression (recorded as unsupported). */
function parseBodyStatement(c: Cursor): TabularExpr | null {
  if (startsTabular(c)) return grammar.parseTabular(c);
  const start = c.peek();
  const expr: Expr = grammar.parseExpr(c);
  c.unsupportedAt('scalar expression as a query', { ...spanOf(start), end: expr.span.end }, 'is valid KQL that Vigil does not run (use print)');
  return null;
}

/** `let name = value`, `let V = view () { T }` or `let f = (params) { body }`; the name is bound for what follows. */
export function parseLet(c: Cursor): LetStatement {
  const start = c.next();
  const { name } = c.expectIdentifier('a name');
  c.expectOp('=');
  if (isFunctionDefinition(c)) {
    const view = parseParameterlessView(c);
    if (view) {
      c.bind(name, 'view');
      return { kind: 'let', name, value: { kind: 'tabular', query: view }, span: c.spanFrom(start) };
    }
    const fn = grammar.parseLetFunction(c, start, name);
    c.bind(name, fn.body.value.kind === 'tabular' ? 'tabular-function' : 'scalar-function');
    return fn;
  }
  if (startsTabular(c)) {
    const query = grammar.parseTabular(c);
    c.bind(name, 'tabular');
    return { kind: 'let', name, value: { kind: 'tabular', query }, span: c.spanFrom(start) };
  }
  const expr = grammar.parseExpr(c);
  c.bind(name, 'scalar');
  return { kind: 'let', name, value: { kind: 'scalar', expr }, span: c.spanFrom(start) };
}

/**
 * `view () { T | … }` or `() { T | … }`: a function without parameters whose body is one tabular expression is the same
 * as a tabular `let` (callable as `F()` or `F`). Anything else (parameters, inner statements) is left to the caller.
 */
function parseParameterlessView(c: Cursor): TabularExpr | null {
  const at = c.pos;
  c.acceptName('view');
  const bodyOpen = c.pos + 2;
  if (!c.isOp('(') || !c.isOp(')', 1) || !c.isOp('{', 2) || !bodyHasOneStatement(c, bodyOpen)) {
    c.pos = at;
    return null;
  }
  c.next();
  c.next();
  c.next();
  if (!startsTabular(c)) {
    c.pos = at;
    return null;
  }
  const query = grammar.parseTabular(c);
  c.acceptOp(';');
  c.expectOp('}');
  return query;
}

/** The `{ … }` at token `open` holds no `;` at its own depth except a trailing one. */
function bodyHasOneStatement(c: Cursor, open: number): boolean {
  const close = c.matchingClose(open);
  let depth = 0;
  for (let i = open + 1; i < close; i++) {
    const token = c.tokens[i] as Token;
    if (token.kind !== 'op') continue;
    if (token.text === '(' || token.text === '[' || token.text === '{') depth++;
    else if (token.text === ')' || token.text === ']' || token.text === '}') depth--;
    else if (depth === 0 && token.text === ';' && i !== close - 1) return false;
  }
  return true;
}

/** `(a:int, b:string) { … }` or `view (…) { … }`. */
function isFunctionDefinition(c: Cursor): boolean {
  let at = c.pos;
  if (c.isName('view') && c.isOp('(', 1)) at++;
  const open = c.tokens[at] as Token;
  if (open.kind !== 'op' || open.text !== '(') return false;
  const after = c.tokens[c.matchingClose(at) + 1];
  return after?.kind === 'op' && after.text === '{';
}

/**
 * Whether the statement at the cursor is tabular: a tabular keyword, a `|` at depth 0 before the next `;`, a
 * parenthesised pipeline, `table('X')`, or a bare name that no scalar `let` declared (a table).
 */
export function startsTabular(c: Cursor): boolean {
  const token = c.peek();
  if (token.kind === 'name' && TABULAR_KEYWORDS.has(token.text)) return true;
  if (token.kind === 'name' && token.text === 'table' && c.isOp('(', 1)) return true;
  if (c.isOp('(')) return c.pipeInsideGroup(c.pos) || (c.peek(1).kind === 'name' && TABULAR_KEYWORDS.has(c.peek(1).text));
  if (token.kind === 'name') {
    if (SCALAR_WORDS.has(token.text)) return false;
    // `F(1) | …`: a call followed by a pipe can only be a tabular function.
    if (c.isOp('(', 1)) {
      if (c.functions.get(token.text) === 'tabular' || c.tabularFunctions.has(token.text)) return true;
      const after = c.tokens[c.matchingClose(c.pos + 1) + 1];
      return isPipe(after) || (after?.kind === 'op' && after.text === '.');
    }
    const next = c.peek(1);
    if (isPipe(next)) return true;
    const ends = next.kind === 'eof' || (next.kind === 'op' && (next.text === ';' || next.text === ')' || next.text === '}'));
    return ends && !c.scalarLets.has(token.text);
  }
  if (c.isOp('[') && c.peek(1).kind === 'string' && c.isOp(']', 2)) return isPipe(c.peek(3)) || isEnd(c.peek(3));
  return false;
}

const SCALAR_WORDS = new Set(['true', 'false', 'null', 'dynamic']);
const isPipe = (token: Token | undefined) => token?.kind === 'op' && token.text === '|';
const isEnd = (token: Token) => token.kind === 'eof' || (token.kind === 'op' && token.text === ';');
