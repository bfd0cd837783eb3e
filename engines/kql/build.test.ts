import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { describe, expect, it } from 'vitest';
import { and, contains, eq, inValues, or, pipeline, project, sortBy, table, take, where } from './build.ts';
import { checkQuery } from './check/index.ts';
import { KqlError } from './diagnostics.ts';
import { parseKqlPredicate } from './predicate.ts';
import { compileToSql } from './sql/index.ts';

const db = new Kysely<Record<string, never>>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (kysely) => new PostgresIntrospector(kysely),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});
const OPTIONS = { orgId: '00000000-0000-0000-0000-000000000000', from: new Date(0), to: new Date(86_400_000), rowCap: 10, joinCap: 10, expandCap: 10 };

describe('KQL tree builder', () => {
  it('builds a query the checker accepts, with every value a bound parameter', () => {
    const hostile = `" or true or "\\'; drop table events; --`;
    const query = pipeline(
      table('Events'),
      where(and(eq('Severity', 3), inValues('Action', ['a', 'agent.a']), or(contains('Message', hostile), contains('HostName', hostile)))),
      where(parseKqlPredicate('DstPort in (22, 3389)')),
      sortBy({ column: 'TimeGenerated', direction: 'desc' }, { column: 'EventId', direction: 'desc' }),
      take(5),
      project('EventId', 'TimeGenerated'),
    );
    const checked = checkQuery(query);
    expect(checked.columns.map((column) => [column.name, column.type])).toEqual([
      ['EventId', 'long'],
      ['TimeGenerated', 'datetime'],
    ]);
    const compiled = compileToSql(checked, OPTIONS).statement.compile(db);
    expect(compiled.sql).not.toContain('drop table');
    expect(compiled.parameters.some((value) => String(value).includes('drop table events'))).toBe(true);
  });

  it('refuses what is not a value', () => {
    expect(() => take(-1)).toThrow(RangeError);
    expect(() => eq('Severity', Number.NaN)).toThrow(RangeError);
    expect(() => and()).toThrow(RangeError);
  });
});

describe('parseKqlPredicate', () => {
  const errorOf = (text: string) => {
    try {
      parseKqlPredicate(text);
    } catch (error) {
      if (error instanceof KqlError) return error.diagnostic;
    }
    throw new Error(`no KqlError for ${text}`);
  };

  it('parses an expression with its own positions', () => {
    expect(parseKqlPredicate('  SrcIp == "203.0.113.7"')).toMatchObject({ kind: 'binary', op: '==', left: { name: 'SrcIp', span: { column: 3 } } });
  });
  it('refuses operators after the predicate and an empty one', () => {
    expect(errorOf('SrcIp == "x" | take 1')).toMatchObject({ type: 'SYNTAX_ERROR', span: { column: 14 } });
    expect(errorOf('SrcIp == "x"; Events')).toMatchObject({ type: 'SYNTAX_ERROR' });
    expect(errorOf('')).toMatchObject({ type: 'SYNTAX_ERROR' });
  });
});
