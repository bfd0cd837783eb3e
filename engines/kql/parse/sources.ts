import type { DatatableSource, FunctionCallSource, RangeSource, ScalarType, Span, TabularExpr, TabularOperator, TabularSource, UnsupportedOp } from '../ast.ts';
import type { Token } from '../tokens.ts';
import { SCALAR_TYPE_NAMES } from '../type-names.ts';
import type { Cursor } from './cursor.ts';
import { grammar } from './grammar.ts';

/** Sources that are valid KQL but that Vigil does not run; their arguments are skipped. */
const UNSUPPORTED_SOURCES = new Set([
  'find',
  'externaldata',
  'external_data',
  'evaluate',
  'cluster',
  'database',
  'entity_group',
  'graph',
  'view',
  'macro-expand',
  'getschema',
]);

/** A column type name (`string`, `long`, `datetime` …). */
export function parseTypeName(c: Cursor): ScalarType {
  const token = c.peek();
  const type = token.kind === 'name' ? SCALAR_TYPE_NAMES[token.text] : undefined;
  if (!type) return c.fail(['a type name']);
  c.next();
  return type;
}

/** `source | operator | …`. */
export function parseTabular(c: Cursor): TabularExpr {
  const start = c.peek();
  const source = parseSource(c);
  const operators: TabularOperator[] = [];
  while (c.acceptOp('|')) {
    if (c.isName('render')) {
      const render = grammar.parseRender(c);
      if (!c.isOp('|')) return { kind: 'pipeline', source, operators, render, span: c.spanFrom(start) };
      operators.push({ kind: 'unsupported', operator: 'render', span: render.span });
      c.unsupportedAt('render', render.span, 'is supported only as the last operator');
    } else operators.push(grammar.parseOperator(c));
  }
  return { kind: 'pipeline', source, operators, span: c.spanFrom(start) };
}

/** A source that Vigil recognises but does not run: recorded, its arguments skipped. */
export function unsupportedSource(c: Cursor, start: Token, construct: string): UnsupportedOp {
  c.skipToBoundary();
  const span = c.spanFrom(start);
  c.unsupportedAt(construct, span);
  return { kind: 'unsupported', operator: construct, span };
}

function parseSource(c: Cursor): TabularSource {
  const token = c.peek();
  if (c.isOp('(')) {
    c.next();
    const query = parseTabular(c);
    c.expectOp(')');
    return { kind: 'nested', query, span: c.spanFrom(token) };
  }
  if (c.isOp('[')) {
    const { name, span } = c.expectIdentifier('a table name');
    return { kind: 'table', name, span };
  }
  if (token.kind !== 'name') return c.fail(['a table name', 'a tabular expression']);
  switch (token.text) {
    case 'datatable':
      return parseDatatable(c);
    case 'print':
      c.next();
      return { kind: 'print', columns: grammar.parseList(c, '|', grammar.parseNamedExpr), span: c.spanFrom(token) };
    case 'union': {
      c.next();
      const withSource = grammar.parseUnionOptions(c);
      const tables = grammar.parseUnionTables(c);
      return { kind: 'union', tables, withSource, span: c.spanFrom(token) };
    }
    case 'search':
      return parseSearchSource(c);
    case 'table':
      if (c.isOp('(', 1) && c.peek(2).kind === 'string' && c.isOp(')', 3)) {
        c.next();
        c.next();
        const name = c.next().value as string;
        c.next();
        return { kind: 'table', name, span: c.spanFrom(token) };
      }
      break;
  }
  if (token.text === 'range' && (c.peek(1).kind === 'name' || (c.isOp('[', 1) && c.peek(2).kind === 'string'))) return parseRange(c);
  if (token.text === 'materialize' && c.isOp('(', 1)) {
    c.next();
    c.next();
    const query = parseTabular(c);
    c.expectOp(')');
    return { kind: 'materialize', query, span: c.spanFrom(token) };
  }
  if (UNSUPPORTED_SOURCES.has(token.text)) {
    c.next();
    return unsupportedSource(c, token, token.text);
  }
  c.next();
  if (c.isOp('(') && c.isOp(')', 1) && c.tabularFunctions.has(token.text)) {
    c.next();
    c.next();
    return { kind: 'table', name: token.text, span: c.spanFrom(token) };
  }
  if (c.isOp('(') && c.functions.get(token.text) === 'tabular') return parseFunctionCall(c, token);
  if (c.isOp('(')) return unsupportedSource(c, token, `${token.text}()`);
  return { kind: 'table', name: token.text, span: c.spanFrom(token) };
}

/** `range x from a to b step s`. */
function parseRange(c: Cursor): RangeSource {
  const start = c.next();
  const { name: column, span: columnSpan } = c.expectIdentifier('a column name');
  c.expectName('from');
  const from = grammar.parseExpr(c);
  c.expectName('to');
  const to = grammar.parseExpr(c);
  c.expectName('step');
  const step = grammar.parseExpr(c);
  return { kind: 'range', column, columnSpan, from, to, step, span: c.spanFrom(start) };
}

/** `f(args)` of a `let` function with a tabular body; the cursor is on the `(` after the name `name`. */
export function parseFunctionCall(c: Cursor, name: Token): FunctionCallSource {
  c.expectOp('(');
  const args = grammar.parseList(c, ')', grammar.parseExpr);
  c.expectOp(')');
  return { kind: 'function-call', name: name.text, args, span: c.spanFrom(name) };
}

/** A table name possibly continued by adjacent `*` and name parts (`Security*`, `*Events`). */
export function parseWildcardRest(c: Cursor, first: Token): string {
  let name = first.text;
  while (!c.peek().spaced && (c.isOp('*') || (c.peek().kind === 'name' && name.endsWith('*')))) name += c.next().text;
  return name;
}

function parseDatatable(c: Cursor): DatatableSource {
  const start = c.next();
  c.expectOp('(');
  const columns = grammar.parseList(c, ')', (c) => {
    const { name, span } = c.expectIdentifier('a column name');
    c.expectOp(':');
    const type = parseTypeName(c);
    return { name, type, span: { ...span, end: c.spanFrom(start).end } as Span };
  });
  c.expectOp(')');
  c.expectOp('[');
  const values = [];
  while (!c.isOp(']')) {
    values.push(grammar.parseExpr(c));
    if (!c.acceptOp(',')) break;
  }
  c.expectOp(']');
  return { kind: 'datatable', columns, values, span: c.spanFrom(start) };
}

function parseSearchSource(c: Cursor): TabularSource {
  const start = c.next();
  const tables: string[] = [];
  skipSearchOptions(c);
  if (c.isName('in') && c.isOp('(', 1)) {
    c.next();
    c.next();
    tables.push(
      ...grammar.parseList(c, ')', (c) => {
        if (c.isOp('[')) return c.expectIdentifier('a table name').name;
        const first = c.peek();
        if (first.kind !== 'name' && !c.isOp('*')) c.fail(['a table name']);
        c.next();
        return parseWildcardRest(c, first);
      }),
    );
    c.expectOp(')');
  }
  const predicate = grammar.parseSearchPredicate(c);
  return { kind: 'search', tables, predicate, span: c.spanFrom(start) };
}

/** `kind=case_sensitive` and `hint.*=` options of `search`. */
export function skipSearchOptions(c: Cursor): void {
  while (isOptionAhead(c)) parseOption(c, ['kind']);
}

/** The current tokens are `name=` or `hint.name=`. */
export function isOptionAhead(c: Cursor): boolean {
  if (c.peek().kind !== 'name') return false;
  if (c.isOp('=', 1)) return true;
  return c.isOp('.', 1) && c.peek(2).kind === 'name' && c.isOp('=', 3);
}

/**
 * `name=value` or `hint.name=value`; the value is a name, number, string or bool. `allowed` lists the option names the
 * operator takes (any `hint.*` is accepted and ignored).
 */
export function parseOption(c: Cursor, allowed?: readonly string[]): { key: string; value: Token } {
  const keyToken = c.peek();
  if (allowed && !allowed.includes(keyToken.text) && keyToken.text !== 'hint') c.fail(allowed.map((name) => `'${name}'`));
  let key = c.next().text;
  if (c.acceptOp('.')) key += `.${c.next().text}`;
  c.expectOp('=');
  c.acceptOp('-');
  const value = c.peek();
  if (value.kind === 'eof' || value.kind === 'op') c.fail(['an option value']);
  c.next();
  return { key, value };
}
