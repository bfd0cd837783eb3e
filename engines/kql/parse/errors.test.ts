import { describe, expect, it } from 'vitest';
import type { KqlDiagnostic } from '../diagnostics.ts';
import { KqlError } from '../diagnostics.ts';
import { parseKql, parseKqlDetailed } from '../index.ts';

function diagnostic(text: string): KqlDiagnostic {
  try {
    parseKql(text);
  } catch (error) {
    if (error instanceof KqlError) return error.diagnostic;
    throw error;
  }
  throw new Error(`parsed: ${text}`);
}

describe('KQL syntax errors', () => {
  it('say what was expected, where, and what was found', () => {
    expect(diagnostic('T\n| where (a == 1 | take 1')).toEqual({
      type: 'SYNTAX_ERROR',
      message: "expected ')' at line 2, column 17, found '|'",
      span: { start: 18, end: 19, line: 2, column: 17 },
      expected: ["')'"],
    });
    expect(diagnostic('T | where a == 1 or')).toMatchObject({
      expected: ['an expression'],
      message: 'expected an expression at line 1, column 20, found the end of the query',
    });
    expect(diagnostic('T | frobnicate')).toMatchObject({ expected: ['a query operator'], span: { column: 5 } });
    expect(diagnostic('T | take 5 | ')).toMatchObject({ expected: ['a query operator'] });
    expect(diagnostic('T | where x == 1 T2')).toMatchObject({ expected: ["';'", "'|'"] });
    expect(diagnostic('T | extend a = 1,')).toMatchObject({ expected: ['an expression'] });
    expect(diagnostic('T | sort a')).toMatchObject({ expected: ["'by'"] });
    expect(diagnostic('print x=1 y=2')).toMatchObject({ type: 'SYNTAX_ERROR' });
    expect(diagnostic('T | where a !has_any ("x")')).toMatchObject({ type: 'SYNTAX_ERROR' });
    expect(diagnostic('datatable (a:strin) []')).toMatchObject({ expected: ['a type name'] });
    expect(diagnostic('')).toMatchObject({ expected: ['a query'] });
    expect(diagnostic('T | where a == 1 and')).toMatchObject({ expected: ['an expression'] });
    expect(diagnostic('T | where and')).toMatchObject({ expected: ['an expression'] });
    expect(diagnostic('T | union wsource=X U')).toMatchObject({ expected: ["'kind'", "'withsource'", "'isfuzzy'"] });
    expect(diagnostic('let s = dynamic(["a"])\nT | take 1')).toMatchObject({ expected: ["';'", "'|'"], span: { line: 2, column: 1 } });
    expect(diagnostic('T | evaluate f({)')).toMatchObject({ type: 'SYNTAX_ERROR' });
  });
});

describe('KQL constructs Vigil does not run', () => {
  it('throws UNSUPPORTED_OPERATOR naming the first one', () => {
    expect(diagnostic('T | sample 10 | take 1')).toMatchObject({ type: 'UNSUPPORTED_OPERATOR', construct: 'sample' });
    expect(diagnostic('T | evaluate bag_unpack(x)')).toMatchObject({ construct: 'evaluate', span: { column: 5 } });
    expect(diagnostic('set querytrace; T')).toMatchObject({ construct: 'set statement' });
    expect(diagnostic('T | as X | take 1')).toMatchObject({ construct: 'as' });
    expect(diagnostic('T | invoke f()')).toMatchObject({ construct: 'invoke' });
    expect(diagnostic('externaldata (a:string) [@"https://x"]')).toMatchObject({ construct: 'externaldata' });
    expect(diagnostic('T | summarize (a, b) = arg_max(t, x)')).toMatchObject({ construct: '(a, b) = …' });
    expect(diagnostic('T; U')).toMatchObject({ construct: 'multiple query statements' });
    expect(diagnostic('T | where t > {TimeRange}')).toMatchObject({ construct: 'workbook parameter', message: expect.stringContaining('{TimeRange}') });
    expect(diagnostic('T | render timechart | take 1')).toMatchObject({ construct: 'render' });
    expect(diagnostic('_GetWatchlist("x") | take 1')).toMatchObject({ construct: '_GetWatchlist()' });
    expect(diagnostic('T | where a = 1')).toMatchObject({ construct: '=', message: expect.stringContaining("use '=='") });
  });

  it('with allowUnsupported returns the tree with unsupported nodes, and the detailed form lists them all', () => {
    const text = 'T | where a | evaluate pivot(b) | sample 5 | project a';
    const query = parseKql(text, { allowUnsupported: true });
    expect(query.body.operators.map((o) => (o.kind === 'unsupported' ? `!${o.operator}` : o.kind))).toEqual(['where', '!evaluate', '!sample', 'project']);
    expect(parseKqlDetailed(text).unsupported.map((d) => d.construct)).toEqual(['evaluate', 'sample']);
  });

  it('still rejects malformed syntax inside an unsupported operator', () => {
    expect(diagnostic('T | evaluate pivot(a')).toMatchObject({ type: 'SYNTAX_ERROR', expected: ["')'"] });
  });
});

describe('KQL functions without parameters', () => {
  it('reads `let V = view () { … }` as a tabular let, callable as V() or V', () => {
    const query = parseKql('let V = view () { T | where a };\nlet W = () { print x = 1 };\nunion V(), W | count');
    expect(query.lets.map((l) => [l.name, l.kind === 'let' ? l.value.kind : l.kind])).toEqual([
      ['V', 'tabular'],
      ['W', 'tabular'],
    ]);
    expect(query.body.source).toMatchObject({ kind: 'union', tables: [{ source: { kind: 'table', name: 'V' } }, { source: { kind: 'table', name: 'W' } }] });
  });
});
