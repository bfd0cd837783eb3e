import { describe, expect, it } from 'vitest';
import type { TabularOperator } from '../ast.ts';
import { KqlError } from '../diagnostics.ts';
import { parseKql, parseKqlDetailed } from '../index.ts';

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

/** The single operator of `T | <text>`. */
function op(text: string): TabularOperator {
  const operators = parseKql(`T | ${text}`).body.operators;
  expect(operators).toHaveLength(1);
  return operators[0] as TabularOperator;
}

function diagnostic(text: string): unknown {
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
const count = { kind: 'call', name: 'count', args: [] };

describe('KQL make-series', () => {
  it('reads aggregates with default=, the axis, from/to/step and by', () => {
    expect(strip(op('make-series kind=nonempty c = count() default=0, avg(x) on TimeGenerated from ago(7d) to now() step 1h by Host'))).toEqual({
      kind: 'make-series',
      seriesKind: 'nonempty',
      aggregates: [
        { column: { name: 'c', expr: count }, default: long(0) },
        { column: { name: null, expr: { kind: 'call', name: 'avg', args: [name('x')] } }, default: null },
      ],
      on: name('TimeGenerated'),
      from: { kind: 'call', name: 'ago', args: [{ kind: 'literal', type: 'timespan', value: 7 * 86_400_000 }] },
      to: { kind: 'call', name: 'now', args: [] },
      step: { kind: 'literal', type: 'timespan', value: 3_600_000 },
      rangeSyntax: 'from-to-step',
      by: [{ name: null, expr: name('Host') }],
    });
    expect(strip(op('make-series count() on t step 1d'))).toMatchObject({ from: null, to: null, seriesKind: null, by: [] });
  });

  it('reads `on Axis in range(a, b, s)` and keeps positions', () => {
    const series = op("make-series ['n'] = count() default=0 on t in range(a, b, 1d) by ['k']");
    expect(strip(series)).toMatchObject({
      rangeSyntax: 'in-range',
      from: name('a'),
      to: name('b'),
      aggregates: [{ column: { name: 'n' } }],
      by: [{ expr: name('k') }],
    });
    expect(series.span).toEqual({ start: 4, end: 74, line: 1, column: 5 });
    if (series.kind !== 'make-series') throw new Error('not make-series');
    expect(series.aggregates[0]?.span).toMatchObject({ start: 16, end: 41 });
    expect(series.on.span).toMatchObject({ start: 45, end: 46 });
  });

  it('rejects a series without its step or axis', () => {
    expect(diagnostic('T | make-series count() on t from 1 to 2')).toMatchObject({ type: 'SYNTAX_ERROR', expected: ["'step'"] });
    expect(diagnostic('T | make-series count() step 1h')).toMatchObject({ type: 'SYNTAX_ERROR', expected: ["'on'"] });
    expect(diagnostic('T | make-series count() on t in range(1, 2)')).toMatchObject({ type: 'SYNTAX_ERROR', expected: ["','"] });
    expect(diagnostic('T | make-series kind=sparse count() on t step 1')).toMatchObject({ type: 'SYNTAX_ERROR', expected: ["'nonempty'"] });
  });
});

describe('KQL lookup', () => {
  it('reads kind, the right side and join-style keys (leftouter by default)', () => {
    expect(strip(op('lookup U on Id'))).toEqual({
      kind: 'lookup',
      lookupKind: 'leftouter',
      right: { kind: 'pipeline', source: { kind: 'table', name: 'U' }, operators: [] },
      on: [{ left: 'Id', right: 'Id' }],
    });
    expect(strip(op('lookup kind=inner (U | where a) on $left.A == $right.B, C'))).toMatchObject({
      lookupKind: 'inner',
      right: { operators: [{ kind: 'where' }] },
      on: [
        { left: 'A', right: 'B' },
        { left: 'C', right: 'C' },
      ],
    });
    expect(op('lookup U on Id').span).toEqual({ start: 4, end: 18, line: 1, column: 5 });
  });

  it('rejects other kinds and a missing on', () => {
    expect(diagnostic('T | lookup kind=leftanti U on Id')).toMatchObject({ type: 'SYNTAX_ERROR', expected: ["'leftouter'", "'inner'"] });
    expect(diagnostic('T | lookup U')).toMatchObject({ type: 'SYNTAX_ERROR', expected: ["'on'"] });
    expect(diagnostic('T | lookup U on tolower(a)')).toMatchObject({ type: 'UNSUPPORTED_OPERATOR', construct: 'join on an expression' });
  });
});

describe('KQL mv-apply and parse-where', () => {
  it('reads the expanded columns, item index, limit and the operator subquery', () => {
    expect(strip(op('mv-apply with_itemindex=i tr = Targets to typeof(string), y limit 10 on (where tr has "x" | extend z = 1 | take 1)'))).toEqual({
      kind: 'mv-apply',
      itemIndex: 'i',
      columns: [
        { name: 'tr', expr: name('Targets'), toType: 'string' },
        { name: null, expr: name('y'), toType: null },
      ],
      limit: long(10),
      subquery: [
        { kind: 'where', predicate: { kind: 'binary', op: 'has', left: name('tr'), right: { kind: 'literal', type: 'string', value: 'x' } } },
        { kind: 'extend', columns: [{ name: 'z', expr: long(1) }] },
        { kind: 'take', keyword: 'take', count: long(1) },
      ],
    });
    const nested = op('mv-apply a on (mv-apply b = a.items on (where b > 1))');
    expect(nested).toMatchObject({ subquery: [{ kind: 'mv-apply', columns: [{ name: 'b' }], subquery: [{ kind: 'where' }] }] });
    expect(nested.span).toEqual({ start: 4, end: 57, line: 1, column: 5 });
  });

  it('reads toscalar(T) as the expanded array', () => {
    expect(op('mv-apply t = toscalar(U | summarize make_set(x)) to typeof(string) on (take 1)')).toMatchObject({
      columns: [{ name: 't', expr: { kind: 'toscalar', query: { source: { name: 'U' } } }, toType: 'string' }],
    });
  });

  it('rejects an mv-apply without its subquery', () => {
    expect(diagnostic('T | mv-apply a')).toMatchObject({ type: 'SYNTAX_ERROR', expected: ["'on'"] });
    expect(diagnostic('T | mv-apply a on (where a')).toMatchObject({ type: 'SYNTAX_ERROR', expected: ["')'"] });
    expect(diagnostic('T | mv-apply a on ()')).toMatchObject({ type: 'SYNTAX_ERROR', expected: ['a query operator'] });
  });

  it('reads parse-where as parse with its own kind', () => {
    expect(strip(op('parse-where Url with * "://" Host:string "/" *'))).toEqual({
      kind: 'parse-where',
      parseKind: 'simple',
      source: name('Url'),
      pattern: [
        { kind: 'capture', column: null, type: null },
        { kind: 'text', text: '://' },
        { kind: 'capture', column: 'Host', type: 'string' },
        { kind: 'text', text: '/' },
        { kind: 'capture', column: null, type: null },
      ],
    });
    expect(diagnostic('T | parse-where Url with')).toMatchObject({ type: 'SYNTAX_ERROR', expected: ['a parse pattern'] });
  });

  it('leaves nothing unsupported in a hunt that uses them together', () => {
    const text = [
      'let base = materialize(T | where TimeGenerated > ago(1d));',
      'base',
      '| lookup (U | project Id, Name) on Id',
      '| mv-apply e = Entities on (where e.type == "ip" | extend Ip = tostring(e.address))',
      '| make-series n = count() default=0 on TimeGenerated in range(ago(1d), now(), 1h) by Ip',
    ].join('\n');
    expect(parseKqlDetailed(text).unsupported).toEqual([]);
  });
});
