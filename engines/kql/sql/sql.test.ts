import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Span } from '../ast.ts';
import { checkQuery } from '../check/index.ts';
import { parseKql } from '../index.ts';
import { datetimeFormat } from './format-datetime.ts';
import { compileToSql } from './index.ts';
import { checkedRegex, escapeLike, escapeRegex, termRegex } from './regex.ts';
import { formatTimespan } from './values.ts';

const SPAN: Span = { start: 0, end: 1, line: 1, column: 1 };

describe('has: term regexes', () => {
  it('matches the term between non-alphanumerics, the term escaped', () => {
    const re = (term: string) => new RegExp(termRegex(term).replaceAll('[^[:alnum:]]', '[^a-zA-Z0-9]'), 'i');
    expect(re('admin').test('user admin-a')).toBe(true);
    expect(re('dmin').test('user admin-a')).toBe(false);
    expect(re('a|b').test('ET POLICY a|b pipe')).toBe(true);
    expect(re('1.2.3.4').test('from 1.2.3.45')).toBe(false);
    expect(escapeRegex('a.b*(c)')).toBe('a\\.b\\*\\(c\\)');
  });

  it('LIKE patterns escape % _ and backslash', () => {
    expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
  });
});

describe('checkedRegex: RE2 only, as PostgreSQL reads it', () => {
  it('refuses what RE2 refuses (back-references, look-around) and what PostgreSQL reads differently', () => {
    expect(() => checkedRegex('(a)\\1', SPAN)).toThrow(/invalid regular expression/);
    expect(() => checkedRegex('a(?=b)', SPAN)).toThrow(/invalid regular expression/);
    expect(() => checkedRegex('(?P<name>a)', SPAN)).toThrow(/named groups/);
    expect(checkedRegex('\\bword\\b', SPAN)).toBe('\\yword\\y');
    expect(checkedRegex('(?i)abc', SPAN)).toBe('(?i)abc');
  });
});

describe('format_datetime and timespans', () => {
  it('maps Kusto specifiers to to_char and quotes the rest', () => {
    expect(datetimeFormat('yyyy-MM-dd HH:mm:ss.fff', SPAN)).toBe('YYYY"-"MM"-"DD" "HH24":"MI":"SS"."MS');
    expect(() => datetimeFormat('yyyy Q', SPAN)).toThrow(/specifier 'Q'/);
  });

  it('prints timespans as Kusto does', () => {
    expect(formatTimespan(3_600_000)).toBe('01:00:00');
    expect(formatTimespan(93_784_500)).toBe('1.02:03:04.5000000');
    expect(formatTimespan(-1000)).toBe('-00:00:01');
  });
});

describe('compileToSql: every base scan is organisation-scoped and time-bounded', () => {
  const db = new Kysely<Record<string, never>>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (kysely) => new PostgresIntrospector(kysely),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  const options = { orgId: '11111111-1111-1111-1111-111111111111', from: new Date(0), to: new Date(1000), rowCap: 10, joinCap: 100, expandCap: 100 };
  const compiled = (text: string) => compileToSql(checkQuery(parseKql(text)), options).statement.compile(db);

  it('in joins, unions, lets, search and in (subquery), with the values as parameters', () => {
    const query = compiled(
      'let a = Events | where UserName == "x\'; drop table events; --"; a | join kind=inner (Alerts) on SrcIp | union Incidents, (search in (Syslog) "root") | where SrcIp in ((SecurityEvent | project IpAddress))',
    );
    const scans =
      query.sql.match(
        /from "(events|alerts|incidents)" as r where r\.org_id = \$\d+::uuid and r\.\w+ >= \$\d+::timestamptz and r\.\w+ <= \$\d+::timestamptz/g,
      ) ?? [];
    const tables = query.sql.match(/from "(events|alerts|incidents)" as r/g) ?? [];
    // Events (let, used once but inlined per use), Alerts, Incidents, Syslog, SecurityEvent twice (guard + values)
    expect(tables.length).toBeGreaterThanOrEqual(5);
    expect(scans).toHaveLength(tables.length);
    expect(query.parameters).toContain(options.orgId);
    expect(query.parameters).toContain("x'; drop table events; --");
    expect(query.sql).not.toContain('drop table');
    expect(query.sql).toMatch(/limit \$\d+::int$/);
  });

  it('restates equality on SrcIp on the stored inet column (the index), dropping the text test only when exact', () => {
    const canonical = compiled('Events | where SrcIp == "203.0.113.7" and Action == "x"');
    expect(canonical.sql).toMatch(/r\.src_ip = \$\d+::inet/);
    expect(canonical.sql).not.toContain("host(r.src_ip), '') = ");
    expect(canonical.parameters).toContain('203.0.113.7');
    const ipv6 = compiled('Events | where SrcIp in ("2001:DB8::1", "2001:db8::2")');
    expect(ipv6.sql).toMatch(/r\.src_ip = any\(\$\d+::inet\[\]\)/);
    expect(ipv6.sql).toMatch(/"SrcIp" in \(|"SrcIp" = any|"SrcIp"\) in/);
    const notAnAddress = compiled('Events | where SrcIp == "host-1"');
    expect(notAnAddress.sql).not.toMatch(/r\.src_ip = /);
    const afterProject = compiled('Events | project SrcIp | where SrcIp == "203.0.113.7"');
    expect(afterProject.sql).not.toMatch(/r\.src_ip = /);
  });
});
