import { describe, expect, it } from 'vitest';
import type { LetFunction } from '../ast.ts';
import { KqlError } from '../diagnostics.ts';
import { parseKql, parseKqlDetailed } from '../index.ts';

/** The tree without positions (`span`, `nameSpan`, `columnSpan`). */
function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'span' && !key.endsWith('Span'))
        .map(([key, v]) => [key, strip(v)]),
    );
  return value;
}

function syntaxError(text: string): unknown {
  try {
    parseKql(text);
  } catch (error) {
    if (error instanceof KqlError) return error.diagnostic;
    throw error;
  }
  throw new Error(`parsed: ${text}`);
}

const name = (n: string) => ({ kind: 'name', name: n });
const long = (value: number) => ({ kind: 'literal', type: 'long', value });
const table = (n: string) => ({ kind: 'pipeline', source: { kind: 'table', name: n }, operators: [] });

describe('KQL range, materialize and toscalar', () => {
  it('reads `range x from a to b step s` as a RangeSource with positions', () => {
    const query = parseKql('range x from 1 to ago(1d) step 2\n| take 3');
    expect(strip(query.body.source)).toEqual({
      kind: 'range',
      column: 'x',
      from: long(1),
      to: { kind: 'call', name: 'ago', args: [{ kind: 'literal', type: 'timespan', value: 86_400_000 }] },
      step: long(2),
    });
    expect(query.body.source).toMatchObject({
      span: { start: 0, end: 32, line: 1, column: 1 },
      columnSpan: { start: 6, end: 7, line: 1, column: 7 },
    });
    expect(parseKql("let n = 20; range ['a b'] from 0 to n step 5").body.source).toMatchObject({ kind: 'range', column: 'a b', to: name('n') });
  });

  it('rejects a range without its step, as Kusto does', () => {
    expect(syntaxError('range x from 1 to 5')).toMatchObject({ type: 'SYNTAX_ERROR', expected: ["'step'"] });
    expect(syntaxError('range x 1 to 5 step 1')).toMatchObject({ type: 'SYNTAX_ERROR', expected: ["'from'"] });
  });

  it('reads materialize(T) as a source and toscalar(T) as an expression', () => {
    const query = parseKql('let m = materialize(T | distinct a);\nm | where a > toscalar(U | count)');
    const [m] = query.lets;
    expect(m?.kind === 'let' && strip(m.value)).toMatchObject({
      kind: 'tabular',
      query: {
        kind: 'pipeline',
        source: { kind: 'materialize', query: { source: { kind: 'table', name: 'T' }, operators: [{ kind: 'distinct' }] } },
        operators: [],
      },
    });
    const where = query.body.operators[0];
    expect(where?.kind === 'where' && strip(where.predicate)).toEqual({
      kind: 'binary',
      op: '>',
      left: name('a'),
      right: { kind: 'toscalar', query: { kind: 'pipeline', source: { kind: 'table', name: 'U' }, operators: [{ kind: 'count' }] } },
    });
    expect(where?.kind === 'where' && where.predicate.kind === 'binary' && where.predicate.right.span).toEqual({ start: 51, end: 70, line: 2, column: 15 });
    expect(syntaxError('materialize(T | where')).toMatchObject({ type: 'SYNTAX_ERROR', expected: ['an expression'] });
  });
});

describe('KQL let functions', () => {
  it('reads typed parameters, defaults and a scalar body called in expressions', () => {
    const query = parseKql('let f = (a:string, b:long = 5) { strlen(a) * b };\nT | extend y = f(x)');
    const fn = query.lets[0] as LetFunction;
    expect(strip(fn)).toEqual({
      kind: 'let-function',
      name: 'f',
      view: false,
      params: [
        { name: 'a', type: { kind: 'scalar', type: 'string' }, default: null },
        { name: 'b', type: { kind: 'scalar', type: 'long' }, default: long(5) },
      ],
      body: {
        lets: [],
        value: { kind: 'scalar', expr: { kind: 'binary', op: '*', left: { kind: 'call', name: 'strlen', args: [name('a')] }, right: name('b') } },
      },
    });
    expect(fn.span).toEqual({ start: 0, end: 48, line: 1, column: 1 });
    expect(fn.body.span).toMatchObject({ start: 31, end: 48 });
    expect(fn.params[1]?.span).toMatchObject({ start: 19, end: 29 });
    expect(query.body.operators[0]).toMatchObject({ kind: 'extend', columns: [{ expr: { kind: 'call', name: 'f', args: [name('x')] } }] });
  });

  it('reads a tabular body with inner lets, called as a source with arguments', () => {
    const query = parseKql('let g = (n:long) { let t = T | take n; t };\ng(3) | count');
    expect(strip(query.lets[0])).toMatchObject({
      kind: 'let-function',
      body: { lets: [{ kind: 'let', name: 't', value: { kind: 'tabular' } }], value: { kind: 'tabular', query: table('t') } },
    });
    expect(strip(query.body.source)).toEqual({ kind: 'function-call', name: 'g', args: [long(3)] });
    expect(query.body.source.span).toEqual({ start: 44, end: 48, line: 2, column: 1 });
    // Parameters and inner lets stay inside the body: `n` and `t` are tables again after it.
    expect(parseKql('let g = (n:long) { let t = 1; T | take n };\nn').body.source).toMatchObject({ kind: 'table', name: 'n' });
  });

  it('calls one tabular function from another, in join and union operands too', () => {
    const query = parseKql(
      'let a = (s:long) { range x from 1 to 10 step s };\nlet b = (s:long) { a(s) };\nb(2) | join (a(1)) on x | union b(3), (a(4) | count)',
    );
    expect(strip(query.lets[1])).toMatchObject({
      body: { value: { kind: 'tabular', query: { source: { kind: 'function-call', name: 'a', args: [name('s')] } } } },
    });
    expect(query.body.operators).toMatchObject([
      { kind: 'join', right: { source: { kind: 'function-call', name: 'a' } } },
      { kind: 'union', tables: [{ source: { kind: 'function-call', name: 'b' } }, { source: { kind: 'function-call', name: 'a' } }] },
    ]);
    expect(parseKqlDetailed('let a = () { let x = T; x };\nunion a, a() | count').unsupported).toEqual([]);
  });

  it('reads tabular parameters and view functions', () => {
    const fn = parseKql('let f = view (T:(State:string, *), U:(*)) { T | union U };\nf(A, B)').lets[0] as LetFunction;
    expect(strip(fn.params)).toEqual([
      { name: 'T', type: { kind: 'tabular', columns: [{ name: 'State', type: 'string' }], anyColumns: true }, default: null },
      { name: 'U', type: { kind: 'tabular', columns: [], anyColumns: true }, default: null },
    ]);
    expect(fn.view).toBe(true);
  });

  it('rejects malformed definitions with SYNTAX_ERROR', () => {
    expect(syntaxError('let f = (a) { a };\nprint f(1)')).toMatchObject({ type: 'SYNTAX_ERROR', expected: ["':'"] });
    expect(syntaxError('let f = (a:strin) { a };\nprint 1')).toMatchObject({ expected: ['a type name'] });
    expect(syntaxError('let f = (a:long) { let b = a; };\nprint 1')).toMatchObject({ expected: ['an expression or a tabular expression'] });
    expect(syntaxError('let f = (a:long) { a + };\nprint 1')).toMatchObject({ expected: ['an expression'] });
    expect(syntaxError('let f = (a:long) { a b };\nprint 1')).toMatchObject({ expected: ["';'", "'}'"] });
  });
});
