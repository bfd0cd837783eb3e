import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../tests/fixtures/identity.ts';
import { seedHuntingData } from '../../tests/fixtures/search.ts';
import { useTestServer } from '../../tests/harness.ts';

const t = useTestServer();
/** A second server with tight limits: a 300 ms statement timeout and joins of at most 2 rows a side. */
const tight = useTestServer({ KQL_STATEMENT_TIMEOUT_MS: '300', KQL_JOIN_MAX_ROWS: '2' });

let org: TestOrg;
beforeAll(async () => {
  org = await createTestOrg(t.deps);
  await seedHuntingData(t.deps, org);
});

const kql = (query: string, extra: Record<string, unknown> = {}, server = t) => server.http.post('/search/kql', { query, ...extra }, org.admin.headers);
const hitsOf = async (query: string) => {
  const response = await kql(query);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.hits as Record<string, unknown>[];
};

describe('POST /search/kql: the EventSec contract', () => {
  it('answers {query, index, took_ms, total, hits, fields, error_type: null, columns, start_time, end_time}', async () => {
    const response = await kql('Events | where SourceKind == "cowrie" | project UserName, SrcIp | take 2');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      query: 'Events | where SourceKind == "cowrie" | project UserName, SrcIp | take 2',
      index: 'postgres:Events',
      total: 2,
      fields: ['UserName', 'SrcIp'],
      columns: [
        { name: 'UserName', type: 'string' },
        { name: 'SrcIp', type: 'string' },
      ],
      error_type: null,
      truncated: false,
    });
    expect(response.body.hits).toHaveLength(2);
    expect(typeof response.body.took_ms).toBe('number');
    // the last 24 h, up to the latest event time ingest accepts (a sensor's clock may run ahead)
    expect(Math.abs(Date.parse(response.body.start_time) - (Date.now() - 86_400_000))).toBeLessThan(60_000);
    expect(Date.parse(response.body.end_time)).toBeGreaterThan(Date.now());
  });

  it('cuts at limit and says so', async () => {
    const response = await kql('Events', { limit: 3 });
    expect(response.body).toMatchObject({ total: 3, truncated: true });
  });

  it('reads only the requested time range', async () => {
    const end = new Date(Date.now() - 12 * 60_000).toISOString();
    const hits = (await kql('Events | where SourceKind == "cowrie" | project UserName', { end_time: end })).body.hits;
    expect(hits.map((hit: { UserName: string }) => hit.UserName).sort()).toEqual(['admin', 'admin-a', 'deploy']);
  });
});

describe('POST /search/kql: operators', () => {
  it('where with and/or/not, parentheses, has on term boundaries, contains, =~ and in~', async () => {
    expect(await hitsOf('Events | where SourceKind == "cowrie" and (UserName == "root" or UserName =~ "DEPLOY") | count')).toEqual([{ Count: 3 }]);
    // has: a whole term; "admin" is a term of "admin-a" (the hyphen separates) but "dmin" is not
    expect(await hitsOf('Events | where UserName has "admin" | count')).toEqual([{ Count: 2 }]);
    expect(await hitsOf('Events | where UserName has "dmin" | count')).toEqual([{ Count: 0 }]);
    expect(await hitsOf('Events | where UserName contains "dmin" | count')).toEqual([{ Count: 2 }]);
    expect(await hitsOf('Events | where UserName contains_cs "ADMIN" | count')).toEqual([{ Count: 0 }]);
    expect(await hitsOf('Events | where UserName in~ ("ROOT", "Deploy") | count')).toEqual([{ Count: 3 }]);
    expect(await hitsOf('Events | where not(UserName startswith "adm") and SourceKind == "cowrie" | count')).toEqual([{ Count: 3 }]);
    expect(await hitsOf('Events | where Message matches regex "^login attempt \\\\[ad" | count')).toEqual([{ Count: 2 }]);
  });

  it('keeps a quoted pipe inside a value, and "443" stays a string', async () => {
    expect(await hitsOf('NetworkEvents | where Signature has "a|b" | project Signature')).toEqual([{ Signature: 'ET POLICY a|b pipe 443' }]);
    expect(await hitsOf("NetworkEvents | where Signature endswith '443' | project SignatureId")).toEqual([{ SignatureId: 443 }]);
    const typeError = await kql("NetworkEvents | where SignatureId == '443'");
    expect(typeError.status).toBe(400);
    expect(typeError.body.detail).toMatch(/^TYPE_ERROR: cannot compare long with string/);
  });

  it('summarize with bin, dcount, make_set, arg_max; sort and top', async () => {
    const bySource = await hitsOf('Events | summarize n = count(), users = dcount(UserName) by SourceKind | sort by SourceKind asc');
    expect(bySource).toEqual([
      { SourceKind: 'agent', n: 3, users: 2 },
      { SourceKind: 'cowrie', n: 5, users: 4 },
      { SourceKind: 'suricata', n: 2, users: 1 },
    ]);
    const top = await hitsOf('Events | where isnotempty(SrcIp) | summarize attempts = count() by SrcIp | top 1 by attempts');
    expect(top).toEqual([{ SrcIp: '203.0.113.7', attempts: 6 }]);
    const binned = await hitsOf('Events | summarize count() by bin(TimeGenerated, 1d) | project count_');
    expect(binned.reduce((sum, row) => sum + Number(row.count_), 0)).toBe(10);
    const users = await hitsOf('SecurityEvent | summarize users = make_set(TargetUserName) by Computer | sort by Computer asc');
    expect(users.map((row) => [row.Computer, [...(row.users as string[])].sort()])).toEqual([
      ['WS1', ['alice', 'bob']],
      ['WS2', ['alice']],
    ]);
    const latest = await hitsOf('Events | where SourceKind == "cowrie" | summarize arg_max(TimeGenerated, UserName)');
    expect(latest).toEqual([{ TimeGenerated: expect.any(String), UserName: 'root' }]);
  });

  it('project, extend, project-away, project-rename, project-reorder, distinct, dynamic access', async () => {
    const rows = await hitsOf(
      'SecurityEvent | where Computer == "WS2" | extend Who = strcat(TargetDomainName, "\\\\", TargetUserName), Logon = tolong(EventData.LogonType) | project Who, Logon, Computer | project-rename Host = Computer | project-reorder Host',
    );
    expect(rows).toEqual([{ Host: 'WS2', Who: 'CORP\\alice', Logon: 3 }]);
    expect(await hitsOf('SecurityEvent | distinct Computer | sort by Computer asc')).toEqual([{ Computer: 'WS1' }, { Computer: 'WS2' }]);
    const away = await kql('Alerts | project-away Evidence, Mitre | take 0');
    expect(away.body.fields).not.toContain('Evidence');
  });

  it('let (scalar and tabular), join kinds, union, in (subquery)', async () => {
    const joined = await hitsOf(
      'let cowrie = Events | where SourceKind == "cowrie" | distinct SrcIp; let windows = SecurityEvent | project SrcIp = IpAddress, Computer; cowrie | join kind=inner windows on SrcIp | sort by Computer asc',
    );
    expect(joined).toEqual([
      { SrcIp: '203.0.113.7', SrcIp1: '203.0.113.7', Computer: 'WS1' },
      { SrcIp: '203.0.113.7', SrcIp1: '203.0.113.7', Computer: 'WS1' },
    ]);
    expect(
      await hitsOf('let w = SecurityEvent | project SrcIp = IpAddress; Events | where SourceKind == "cowrie" | distinct SrcIp | join kind=leftanti w on SrcIp'),
    ).toEqual([{ SrcIp: '198.51.100.9' }]);
    expect(await hitsOf('let ip = "203.0.113.7"; union SecurityEvent, NetworkEvents | where IpAddress == ip or SrcIp == ip | count')).toEqual([{ Count: 2 }]);
    expect(await hitsOf('Events | where SourceKind == "cowrie" and SrcIp in ((SecurityEvent | project IpAddress)) | count')).toEqual([{ Count: 4 }]);
  });

  it('search, datatable, mv-expand, parse, extract, print', async () => {
    expect(await hitsOf('search in (SecurityEvent) "bob" | count')).toEqual([{ Count: 1 }]);
    expect(await hitsOf('datatable(a:long, tags:dynamic)[1, dynamic(["x","y"]), 2, dynamic([])] | mv-expand tags | project a, tag = tostring(tags)')).toEqual([
      { a: 1, tag: 'x' },
      { a: 1, tag: 'y' },
    ]);
    expect(
      await hitsOf(
        'Events | where SourceKind == "cowrie" and UserName == "deploy" | parse Message with "login attempt [" user "/" password "] " outcome | project user, password, outcome',
      ),
    ).toEqual([{ user: 'deploy', password: 'guess', outcome: 'success' }]);
    expect(await hitsOf('print ip = extract("([0-9.]+)$", 1, "from 10.1.2.3"), private = ipv4_is_private("10.1.2.3"), ago = ago(1h) < now()')).toEqual([
      { ip: '10.1.2.3', private: true, ago: true },
    ]);
  });

  it('reads Alerts and Incidents', async () => {
    const response = await kql('Alerts | summarize count() by Severity');
    expect(response.status).toBe(200);
    expect((await kql('Incidents | project Title, RiskScore, Tags | take 1')).status).toBe(200);
  });

  it('answers EventSec legacy names: events, alerts, network', async () => {
    expect(await hitsOf('events | where event_type == "login.failed" | count')).toEqual([{ Count: 4 }]);
    expect(await hitsOf('network | where signature_id == 443 | project src_ip, signature')).toEqual([
      { src_ip: '203.0.113.5', signature: 'ET POLICY a|b pipe 443' },
    ]);
    expect((await kql('alerts | take 1')).status).toBe(200);
  });
});

describe('POST /search/kql: errors', () => {
  const expectError = async (query: string, status: number, type: string, server = t) => {
    const response = await kql(query, {}, server);
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    expect(response.body.detail).toMatch(new RegExp(`^${type}: `));
    expect(response.body.issues).toEqual([{ path: 'query', message: response.body.detail }]);
    expect(response.body.error_type).toBe(type);
    return response.body.detail as string;
  };

  it('SYNTAX_ERROR with line and column', async () => {
    expect(await expectError('Events | where ==', 400, 'SYNTAX_ERROR')).toMatch(/line 1, column \d+/);
  });
  it('TABLE_NOT_FOUND (404) with the nearest names', async () => {
    expect(await expectError('SecurityEvents | take 1', 404, 'TABLE_NOT_FOUND')).toMatch(/SecurityEvent/);
  });
  it('FIELD_NOT_FOUND with the nearest names', async () => {
    expect(await expectError('Events | project srcip', 400, 'FIELD_NOT_FOUND')).toMatch(/'SrcIp'/);
    const response = await kql('Events | project srcip');
    expect(response.body).toMatchObject({ line: 1, column: 18, suggestions: expect.arrayContaining(['SrcIp']) });
  });
  it('TYPE_ERROR', async () => {
    await expectError("print ago('x')", 400, 'TYPE_ERROR');
    await expectError('Alerts | summarize sum(Title)', 400, 'TYPE_ERROR');
  });
  it('UNSUPPORTED_OPERATOR naming the construct', async () => {
    expect(await expectError('Events | evaluate bag_unpack(Attributes)', 400, 'UNSUPPORTED_OPERATOR')).toMatch(/evaluate/);
    expect(await expectError('Events | extend x = hash_sha256(Message)', 400, 'UNSUPPORTED_OPERATOR')).toMatch(/hash_sha256/);
    expect(await expectError('Events | join kind=fullouter (Alerts) on SrcIp', 400, 'UNSUPPORTED_OPERATOR')).toMatch(/fullouter/);
    expect(await expectError('print x = "a" matches regex "(a)\\\\1"', 400, 'TYPE_ERROR')).toMatch(/regular expression/);
  });
  it('runs on sessions that are read-only, in UTC, with the KQL statement timeout', async () => {
    const settings = await sql<{ ro: string; zone: string; timeout: string }>`
      select current_setting('transaction_read_only') as ro, current_setting('TimeZone') as zone,
             current_setting('statement_timeout') as timeout`.execute(tight.deps.searchDb);
    expect(settings.rows[0]).toEqual({ ro: 'on', zone: 'UTC', timeout: '300ms' });
    await expect(sql`create temporary table kql_write_attempt (x int)`.execute(tight.deps.searchDb)).rejects.toMatchObject({ code: '25006' });
  });
  it('QUERY_TIMEOUT (408): the events table is locked, so the query can only wait for its timeout', async () => {
    await t.deps.db.connection().execute(async (connection) => {
      await sql`begin`.execute(connection);
      try {
        await sql`lock table events in access exclusive mode`.execute(connection);
        await expectError('Events | count', 408, 'QUERY_TIMEOUT', tight);
      } finally {
        await sql`rollback`.execute(connection);
      }
    });
  });
  it('RESULT_TOO_LARGE when a join side holds more rows than allowed', async () => {
    expect(await expectError('datatable(k:long)[1, 2, 3] | join kind=inner (datatable(k:long)[1]) on k', 400, 'RESULT_TOO_LARGE', tight)).toMatch(
      /join left side/,
    );
    const fits = await kql('datatable(k:long)[1, 2] | join kind=inner (datatable(k:long)[1]) on k', {}, tight);
    expect(fits.body.hits).toEqual([{ k: 1, k1: 1 }]);
  });
  it('refuses a query over 5000 characters and a limit over 500', async () => {
    expect((await kql(`print x = "${'a'.repeat(5000)}"`)).status).toBe(400);
    expect((await kql('Events', { limit: 501 })).status).toBe(400);
  });
  it('audits every query, failures included', async () => {
    await kql('Events | take 1');
    await kql('Nope');
    const rows = await t.deps.db
      .selectFrom('audit_log')
      .select(['outcome', 'details'])
      .where('org_id', '=', org.orgId)
      .where('action', '=', 'search.kql')
      .execute();
    expect(rows.some((row) => row.outcome === 'success' && (row.details as { query: string }).query === 'Events | take 1')).toBe(true);
    expect(rows.some((row) => row.outcome === 'failure' && (row.details as { error_type: string }).error_type === 'TABLE_NOT_FOUND')).toBe(true);
  });
});

describe('POST /search/kql/validate', () => {
  it('lists diagnostics without running, and the result columns of a valid query', async () => {
    const valid = await t.http.post('/search/kql/validate', { query: 'Events | summarize count() by HostName' }, org.admin.headers);
    expect(valid.body).toEqual({
      valid: true,
      diagnostics: [],
      columns: [
        { name: 'HostName', type: 'string' },
        { name: 'count_', type: 'long' },
      ],
    });
    const invalid = await t.http.post('/search/kql/validate', { query: 'Events | project HostNam' }, org.admin.headers);
    expect(invalid.body).toEqual({
      valid: false,
      diagnostics: [
        { error_type: 'FIELD_NOT_FOUND', message: expect.stringContaining('HostNam'), line: 1, column: 18, expected: [], suggestions: ['HostName'] },
      ],
    });
  });
});

describe('POST /search/kql: a viewer may hunt', () => {
  it('answers a viewer', async () => {
    const viewer = await org.addUser('viewer');
    expect((await t.http.post('/search/kql', { query: 'Events | count' }, viewer.headers)).status).toBe(200);
  });
});
