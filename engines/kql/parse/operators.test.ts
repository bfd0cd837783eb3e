import { describe, expect, it } from 'vitest';
import type { TabularOperator } from '../ast.ts';
import { parseKql } from '../index.ts';

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== 'span' && k !== 'nameSpan')
        .map(([k, v]) => [k, strip(v)]),
    );
  return value;
}

/** The single operator of `T | <text>`, without spans. */
function op(text: string): Record<string, unknown> {
  const operators = parseKql(`T | ${text}`).body.operators;
  expect(operators).toHaveLength(1);
  return strip(operators[0] as TabularOperator) as Record<string, unknown>;
}

const name = (n: string) => ({ kind: 'name', name: n });
const long = (value: number) => ({ kind: 'literal', type: 'long', value });
const str = (value: string) => ({ kind: 'literal', type: 'string', value });

describe('KQL tabular operators', () => {
  it('where and filter', () => {
    expect(op('where a == 1')).toEqual({ kind: 'where', predicate: { kind: 'binary', op: '==', left: name('a'), right: long(1) } });
    expect(op('filter a')).toEqual({ kind: 'where', predicate: name('a') });
  });

  it('project, extend with named and bare columns', () => {
    expect(op("project a, b = c + 1, ['d e'] = 2")).toEqual({
      kind: 'project',
      columns: [
        { name: null, expr: name('a') },
        { name: 'b', expr: { kind: 'binary', op: '+', left: name('c'), right: long(1) } },
        { name: 'd e', expr: long(2) },
      ],
    });
    expect(op('extend x = tolower(y)')).toMatchObject({ kind: 'extend', columns: [{ name: 'x', expr: { kind: 'call', name: 'tolower' } }] });
  });

  it('project-away, project-keep with wildcards; project-rename; project-reorder', () => {
    expect(op("project-away a, Event*, *Id, ['x y']")).toEqual({
      kind: 'project-away',
      patterns: [{ pattern: 'a' }, { pattern: 'Event*' }, { pattern: '*Id' }, { pattern: 'x y' }],
    });
    expect(op('project-keep Src*')).toEqual({ kind: 'project-keep', patterns: [{ pattern: 'Src*' }] });
    expect(op("project-rename Ip = SrcIp, ['New Name'] = Old")).toEqual({
      kind: 'project-rename',
      renames: [
        { to: 'Ip', from: 'SrcIp' },
        { to: 'New Name', from: 'Old' },
      ],
    });
    expect(op('project-reorder b asc, a*, c granny-desc')).toEqual({
      kind: 'project-reorder',
      columns: [
        { pattern: 'b', direction: 'asc' },
        { pattern: 'a*', direction: null },
        { pattern: 'c', direction: 'granny-desc' },
      ],
    });
  });

  it('summarize with aggregates, by, bin and ignored hints', () => {
    expect(op('summarize hint.shufflekey = SrcIp c = count(), dcount(User) by SrcIp, bin(TimeGenerated, 1h)')).toMatchObject({
      kind: 'summarize',
      aggregates: [
        { name: 'c', expr: { kind: 'call', name: 'count', args: [] } },
        { name: null, expr: { kind: 'call', name: 'dcount' } },
      ],
      by: [{ expr: name('SrcIp') }, { expr: { kind: 'call', name: 'bin', args: [name('TimeGenerated'), { type: 'timespan', value: 3_600_000 }] } }],
    });
    expect(op('summarize by a')).toMatchObject({ aggregates: [], by: [{ expr: name('a') }] });
    expect(op('summarize arg_max(t, *) by k')).toMatchObject({ aggregates: [{ expr: { name: 'arg_max', args: [name('t'), { kind: 'star' }] } }] });
  });

  it('sort/order by with directions and nulls; top; take/limit', () => {
    expect(op('sort by a asc nulls first, b')).toEqual({
      kind: 'sort',
      keyword: 'sort',
      keys: [
        { expr: name('a'), direction: 'asc', nulls: 'first' },
        { expr: name('b'), direction: 'desc', nulls: null },
      ],
    });
    expect(op('order by a desc nulls last')).toMatchObject({ keyword: 'order', keys: [{ direction: 'desc', nulls: 'last' }] });
    expect(op('top 10 by count_ asc')).toEqual({ kind: 'top', count: long(10), keys: [{ expr: name('count_'), direction: 'asc', nulls: null }] });
    expect(op('take 5')).toEqual({ kind: 'take', keyword: 'take', count: long(5) });
    expect(op('limit 5')).toEqual({ kind: 'take', keyword: 'limit', count: long(5) });
  });

  it('distinct, count, search', () => {
    expect(op('distinct a, b')).toEqual({ kind: 'distinct', columns: [name('a'), name('b')], star: false });
    expect(op('distinct *')).toEqual({ kind: 'distinct', columns: [], star: true });
    expect(op('count')).toEqual({ kind: 'count' });
    expect(op('search "evil"')).toEqual({ kind: 'search', predicate: str('evil') });
    expect(op('search Message:"evil" and SrcIp == "1.2.3.4"')).toMatchObject({ predicate: { op: 'and', left: { op: 'has', left: name('Message') } } });
  });

  it('join with kind, hints, and keys by name or $left/$right', () => {
    expect(op('join kind=leftouter hint.strategy=broadcast (U | where x) on Id, $left.A == $right.B, $right.D == $left.C')).toMatchObject({
      kind: 'join',
      joinKind: 'leftouter',
      right: { kind: 'pipeline', source: { kind: 'table', name: 'U' }, operators: [{ kind: 'where' }] },
      on: [
        { left: 'Id', right: 'Id' },
        { left: 'A', right: 'B' },
        { left: 'C', right: 'D' },
      ],
    });
    expect(op('join U on Id')).toMatchObject({ joinKind: null, right: { source: { kind: 'table', name: 'U' } } });
  });

  it('union with options, nested tables and wildcards', () => {
    expect(op('union withsource=Src kind=outer isfuzzy=true U, (V | take 1), Sec*')).toMatchObject({
      kind: 'union',
      withSource: 'Src',
      tables: [{ source: { name: 'U' } }, { source: { name: 'V' }, operators: [{ kind: 'take' }] }, { source: { name: 'Sec*' } }],
    });
  });

  it('mv-expand with names, to typeof and limit', () => {
    expect(op('mv-expand with_itemindex=i a, b = c.d to typeof(long) limit 3')).toEqual({
      kind: 'mv-expand',
      columns: [
        { name: null, expr: name('a'), toType: null },
        { name: 'b', expr: { kind: 'member', target: name('c'), name: 'd' }, toType: 'long' },
      ],
      limit: long(3),
    });
  });

  it('parse with kinds, text, typed captures and *', () => {
    expect(op('parse kind=regex Message with * "user=" User:string " port " Port:long *')).toEqual({
      kind: 'parse',
      parseKind: 'regex',
      source: name('Message'),
      pattern: [
        { kind: 'capture', column: null, type: null },
        { kind: 'text', text: 'user=' },
        { kind: 'capture', column: 'User', type: 'string' },
        { kind: 'text', text: ' port ' },
        { kind: 'capture', column: 'Port', type: 'long' },
        { kind: 'capture', column: null, type: null },
      ],
    });
    expect(op('parse x with "a" y')).toMatchObject({ parseKind: 'simple', pattern: [{ kind: 'text' }, { kind: 'capture', column: 'y' }] });
  });

  it('keeps render as the last operator as a presentation hint', () => {
    const body = parseKql('T | summarize count() by bin(t, 1h) | render timechart with (title="a|b")').body;
    expect(body.operators.map((o) => o.kind)).toEqual(['summarize']);
    expect(body.render).toMatchObject({ visualization: 'timechart' });
  });
});

describe('KQL sources', () => {
  it('datatable, print, union, search, table(), parenthesised', () => {
    expect(strip(parseKql("datatable (a:string, b:long) ['x', 1, 'y', -2]").body.source)).toEqual({
      kind: 'datatable',
      columns: [
        { name: 'a', type: 'string' },
        { name: 'b', type: 'long' },
      ],
      values: [str('x'), long(1), str('y'), long(-2)],
    });
    expect(strip(parseKql('print x = 1, 2').body.source)).toEqual({
      kind: 'print',
      columns: [
        { name: 'x', expr: long(1) },
        { name: null, expr: long(2) },
      ],
    });
    expect(parseKql('union A, B | count').body).toMatchObject({ source: { kind: 'union', tables: [{}, {}] }, operators: [{ kind: 'count' }] });
    expect(strip(parseKql('search in (A, B*) "x"').body.source)).toEqual({ kind: 'search', tables: ['A', 'B*'], predicate: str('x') });
    expect(parseKql("table('My Table') | take 1").body.source).toMatchObject({ kind: 'table', name: 'My Table' });
    expect(parseKql('(T | where a) | count').body.source).toMatchObject({ kind: 'nested', query: { operators: [{ kind: 'where' }] } });
  });

  it('let statements: scalar, tabular, and a trailing semicolon', () => {
    const query = parseKql('let n = 5;\nlet start = ago(1d);\nlet Hot = T | where x > n;\nlet Alias = T;\nHot | take n;');
    expect(query.lets.map((l) => [l.name, l.kind === 'let' ? l.value.kind : l.kind])).toEqual([
      ['n', 'scalar'],
      ['start', 'scalar'],
      ['Hot', 'tabular'],
      ['Alias', 'tabular'],
    ]);
    expect(query.body.source).toMatchObject({ kind: 'table', name: 'Hot' });
    expect(parseKql('T\n| where a\n;\n').body.operators).toHaveLength(1);
    expect(parseKql('let x = 1; let y = T | where a > x; y').body.source).toMatchObject({ kind: 'table', name: 'y' });
    expect(parseKql('let x = 1; (union isfuzzy=true T, U) | count').body.source).toMatchObject({ kind: 'nested', query: { source: { kind: 'union' } } });
  });

  it('gives every node its source span', () => {
    const query = parseKql('T\n| where a == "x"');
    expect(query.body.operators[0]?.span).toEqual({ start: 4, end: 18, line: 2, column: 3 });
    const where = query.body.operators[0];
    if (where?.kind !== 'where') throw new Error('not a where');
    expect(where.predicate.span).toEqual({ start: 10, end: 18, line: 2, column: 9 });
  });
});
