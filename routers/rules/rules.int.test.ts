import { runOnce } from 'graphile-worker';
import { describe, expect, it } from 'vitest';
import { graphileLogger } from '../../jobs/log-adapter.ts';
import { buildTaskList } from '../../jobs/registry.ts';
import { runDetectionOnce } from '../../services/detection/index.ts';
import { createTestOrg, type TestOrg } from '../../tests/fixtures/identity.ts';
import { FAILED_LOGON_CORRELATION, failedLogon, importSigma, MIMIKATZ_RULE, sysmonProcess } from '../../tests/fixtures/rules.ts';
import { useTestServer } from '../../tests/harness.ts';

const t = useTestServer();

async function ingest(org: TestOrg, events: unknown[]) {
  const posted = await t.http.post('/events', { events }, org.admin.headers);
  expect(posted.status, JSON.stringify(posted.body)).toBeLessThan(300);
  expect(posted.body.rejected ?? [], JSON.stringify(posted.body)).toEqual([]);
}

const detect = async (org: TestOrg) => {
  while ((await runDetectionOnce(t.deps, org.orgId, 0)).processed > 0);
};

type AlertBody = { id: number; title: string; source: string; occurrences: number; rule: { id: number; author: string | null; link: string | null } | null };
const ruleAlerts = async (org: TestOrg) =>
  ((await t.http.get<AlertBody[]>('/alerts?limit=500', org.admin.headers)).body ?? []).filter((alert) => alert.rule !== null);

const runQueuedJobs = () =>
  runOnce({
    pgPool: t.deps.pool,
    taskList: buildTaskList(t.deps, t.deps.logger),
    logger: graphileLogger(t.deps.logger),
    preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
  });

describe('Sigma rules in the continuous detection', () => {
  it('fires on live ingest within one detection cycle, shows author and link, and stops once disabled', async () => {
    const org = await createTestOrg(t.deps);
    const imported = await importSigma(t.http, org, MIMIKATZ_RULE);
    const ruleId = imported.created[0]?.rule_id as number;
    const listed = await t.http.get(`/api/rules/${ruleId}`, org.admin.headers);
    expect(listed.body).toMatchObject({ type: 'analytic', enabled: true, executable: true, author: 'Jane Doe (Example Labs)', severity: 'high' });

    await ingest(org, [
      sysmonProcess({ commandLine: 'mimikatz.exe "sekurlsa::logonpasswords" exit' }),
      sysmonProcess({ commandLine: 'notepad.exe notes.txt' }),
    ]);
    await runDetectionOnce(t.deps, org.orgId, 0);
    const alerts = await ruleAlerts(org);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      title: 'Mimikatz command line',
      rule: { id: ruleId, author: 'Jane Doe (Example Labs)', link: 'https://example.org/rules/mimikatz' },
    });

    const disabled = await t.http.patch(`/api/rules/${ruleId}`, { enabled: false }, org.admin.headers);
    expect(disabled.body.enabled).toBe(false);
    await ingest(org, [sysmonProcess({ commandLine: 'mimikatz.exe coffee', computer: 'ws-02.corp.example' })]);
    await detect(org);
    const after = await ruleAlerts(org);
    expect(after).toHaveLength(1);
    expect(after[0]?.occurrences).toBe(alerts[0]?.occurrences);
  });

  it('drops the matches a Sigma filter document accepts', async () => {
    const org = await createTestOrg(t.deps);
    const filter = `title: Lab hosts run credential tools on purpose
id: 9d1c1d1e-4b87-4c55-9b57-2b4b8c6f1a01
logsource:
  category: process_creation
  product: windows
filter:
  rules:
    - 5a6e7a52-2c4f-4c41-9a55-0f3f0c6d9a01
  selection:
    Computer|startswith: 'lab-'
  condition: selection
`;
    const imported = await importSigma(t.http, org, `${MIMIKATZ_RULE}---\n${filter}`);
    expect(imported.created).toHaveLength(2);
    await ingest(org, [sysmonProcess({ commandLine: 'mimikatz', computer: 'lab-07' }), sysmonProcess({ commandLine: 'mimikatz', computer: 'ws-03' })]);
    await detect(org);
    const alerts = await t.http.get<Array<{ rule: unknown; host: string | null; entity_value?: string }>>('/alerts?limit=50', org.admin.headers);
    const ruleAlerts = alerts.body.filter((alert) => alert.rule !== null);
    expect(ruleAlerts).toHaveLength(1);
    expect(JSON.stringify(ruleAlerts[0])).toContain('ws-03');
    expect(JSON.stringify(ruleAlerts[0])).not.toContain('lab-07');
  });

  it('takes a bare Windows event on POST /events and normalises it', async () => {
    const org = await createTestOrg(t.deps);
    const posted = await t.http.post('/events', sysmonProcess({ commandLine: 'whoami /all', computer: 'ws-09', user: 'CORP\\mallory' }), org.admin.headers);
    expect(posted.body).toMatchObject({ received: 1, stored: 1, rejected: [] });
    const listed = await t.http.get('/events', org.admin.headers);
    expect(JSON.stringify(listed.body)).toContain('whoami /all');
  });

  it('runs EventSec condition rules for real, and a disabled one never fires', async () => {
    const org = await createTestOrg(t.deps);
    const on = await t.http.post(
      '/rules/detections',
      { name: 'USB mass storage', severity: 'high', conditions: { event_type: 'usb_inserted', 'details.vendor': ['Kingston', 'SanDisk'] } },
      org.admin.headers,
    );
    const off = await t.http.post('/rules/detections', { name: 'Any USB', enabled: false, conditions: { event_type: 'usb_inserted' } }, org.admin.headers);
    expect([on.status, off.status]).toEqual([201, 201]);
    const event = (vendor: string) => ({ event_type: 'usb_inserted', severity: 'medium', details: { hostname: 'ws-07', vendor } });
    await ingest(org, [event('Kingston'), event('kingston'), event('Logitech')]);
    await detect(org);
    const alerts = await ruleAlerts(org);
    expect(alerts.map((alert) => alert.title)).toEqual(['USB mass storage']);
  });
});

describe('Sigma correlation rules', () => {
  const base = Date.now() - 30 * 60_000;
  const logons = (count: number, user = 'bob', offset = 0) =>
    Array.from({ length: count }, (_, i) => failedLogon({ user, at: new Date(base + (offset + i) * 10_000), recordId: 10_000 + offset + i }));

  it('fires once for 10 failed logons of one user in 5 minutes, however the events are batched', async () => {
    for (const split of [[10], [3, 7], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]]) {
      const org = await createTestOrg(t.deps);
      await importSigma(t.http, org, FAILED_LOGON_CORRELATION);
      const events = logons(10);
      let start = 0;
      for (const size of split) {
        await ingest(org, events.slice(start, start + size));
        start += size;
        await detect(org);
      }
      const alerts = await ruleAlerts(org);
      expect(
        alerts.map((alert) => alert.title),
        JSON.stringify(split),
      ).toEqual(['Many failed logons for one user']);
    }
  });

  it('does not fire for 9, nor for 10 spread over different users, and the base rule raises no alert of its own', async () => {
    const org = await createTestOrg(t.deps);
    await importSigma(t.http, org, FAILED_LOGON_CORRELATION);
    await ingest(org, [...logons(9, 'carol'), ...logons(5, 'dave', 100), ...logons(5, 'erin', 200)]);
    await detect(org);
    expect(await ruleAlerts(org)).toEqual([]);
  });

  it('answers POST /api/rules/test with the correlation’s own matches', async () => {
    const org = await createTestOrg(t.deps);
    const tested = await t.http.post(
      '/api/rules/test',
      { rule: FAILED_LOGON_CORRELATION, events: [...logons(10), ...logons(3, 'zed', 50)] },
      org.admin.headers,
    );
    expect(tested.status, JSON.stringify(tested.body)).toBe(200);
    expect(tested.body.match_count).toBe(1);
    expect(tested.body.results.filter((result: { matched: boolean }) => result.matched)).toHaveLength(10);
  });
});

describe('rule tests and validation', () => {
  it('refuses to save or enable a rule whose tests fail, naming the failing case', async () => {
    const org = await createTestOrg(t.deps);
    const failing = await t.http.post(
      '/analytics/rules',
      { name: 'mimikatz', query: MIMIKATZ_RULE, tests: [{ name: 'benign', event: sysmonProcess({ commandLine: 'mimikatz-docs.pdf' }), match: false }] },
      org.admin.headers,
    );
    expect(failing.status).toBe(400);
    expect(failing.body.issues[0]).toMatchObject({ path: 'tests[0]' });
    expect((await t.http.get('/analytics/rules', org.admin.headers)).body).toEqual([]);

    const ruleId = (await importSigma(t.http, org, MIMIKATZ_RULE)).created[0]?.rule_id as number;
    await t.http.patch(`/api/rules/${ruleId}`, { enabled: false }, org.admin.headers);
    const enable = await t.http.patch(
      `/api/rules/${ruleId}`,
      { enabled: true, tests: [{ event: sysmonProcess({ commandLine: 'whoami' }), match: true }] },
      org.admin.headers,
    );
    expect(enable.status).toBe(400);
    expect(enable.body.detail).toMatch(/tests\[0\]/);
    expect((await t.http.get(`/api/rules/${ruleId}`, org.admin.headers)).body.enabled).toBe(false);
    const passing = await t.http.patch(
      `/api/rules/${ruleId}`,
      { enabled: true, tests: [{ event: sysmonProcess({ commandLine: 'mimikatz' }), match: true }] },
      org.admin.headers,
    );
    expect(passing.body).toMatchObject({ enabled: true, tests: [{ match: true }] });
  });

  it('rejects a malformed import entry by entry and GET /api/rules keeps working', async () => {
    const org = await createTestOrg(t.deps);
    const imported = await t.http.post(
      '/api/rules/import',
      {
        analytic_rules: [
          { id: 'x1', title: 'Extreme', severity: 'extreme' },
          { id: 'x2', name: 'Plain', severity: 'HIGH', dataSources: ['winlog'], query: { conditions: { event_type: 'login_failed' } } },
          'not an object',
        ],
        correlation_rules: [{ id: 'c1', title: 'Chain', windowMinutes: 10, logic: { steps: ['a', 'b'] } }],
      },
      org.admin.headers,
    );
    expect(imported.status).toBe(200);
    expect(imported.body.rejected.map((entry: { section: string; index: number }) => [entry.section, entry.index])).toEqual([
      ['analytic_rules', 0],
      ['analytic_rules', 2],
    ]);
    expect(imported.body.rejected[0].reasons.join(' ')).toMatch(/severity/);
    expect(imported.body.created.map((entry: { id: string; enabled: boolean; executable: boolean }) => [entry.id, entry.enabled, entry.executable])).toEqual([
      ['x2', true, true],
      ['c1', false, false],
    ]);
    const listed = await t.http.get('/api/rules', org.admin.headers);
    expect(listed.status).toBe(200);
    expect(listed.body.map((rule: { title: string; severity: string }) => [rule.title, rule.severity])).toEqual([
      ['Plain', 'high'],
      ['Chain', 'medium'],
    ]);

    const sigma = await t.http.post(
      '/api/rules/import',
      {
        format: 'sigma',
        content: `${MIMIKATZ_RULE}---\ntitle: Broken\nlogsource: {product: windows}\ndetection:\n  sel:\n    CommandLine|nosuchmodifier: x\n  condition: sel\n`,
      },
      org.admin.headers,
    );
    expect(sigma.body.created).toHaveLength(1);
    expect(sigma.body.rejected).toHaveLength(1);
    expect(sigma.body.rejected[0]).toMatchObject({ section: 'sigma', index: 1 });
    expect(sigma.body.rejected[0].reasons.join(' ')).toMatch(/nosuchmodifier.*line 2[0-9]/);
    expect((await t.http.get('/api/rules', org.admin.headers)).status).toBe(200);
  });

  it('tests a Sigma text against raw events, the regression-data shape included', async () => {
    const org = await createTestOrg(t.deps);
    const tested = await t.http.post(
      '/api/rules/test',
      { rule: MIMIKATZ_RULE, events: [sysmonProcess({ commandLine: 'mimikatz' }), sysmonProcess({ commandLine: 'calc' }), 42] },
      org.admin.headers,
    );
    expect(tested.status).toBe(200);
    expect(tested.body.match_count).toBe(1);
    expect(tested.body.results[0]).toMatchObject({ index: 0, matched: true, selections: ['selection'] });
    expect(tested.body.results[1]).toMatchObject({ index: 1, matched: false });
    expect(tested.body.results[2].error).toBeTruthy();
  });
});

describe('replay', () => {
  it('reports the alerts an edited rule would add and remove, as a background job', async () => {
    const org = await createTestOrg(t.deps);
    const ruleId = (await importSigma(t.http, org, MIMIKATZ_RULE)).created[0]?.rule_id as number;
    await ingest(org, [
      sysmonProcess({ commandLine: 'mimikatz.exe', computer: 'host-a' }),
      sysmonProcess({ commandLine: 'procdump.exe -ma lsass.exe', computer: 'host-b' }),
      sysmonProcess({ commandLine: 'mimikatz.exe procdump', computer: 'host-c' }),
    ]);
    const draft = MIMIKATZ_RULE.replace("      - 'sekurlsa::logonpasswords'\n      - 'mimikatz'", "      - 'procdump'");
    const queued = await t.http.post(`/api/rules/${ruleId}/replay`, { rule: draft }, org.admin.headers);
    expect(queued.status, JSON.stringify(queued.body)).toBe(202);
    expect(queued.body.status).toBe('queued');
    await runQueuedJobs();
    const done = await t.http.get(`/api/rules/${ruleId}/replay`, org.admin.headers);
    expect(done.body).toMatchObject({ status: 'completed', progress: 1, events_scanned: 3 });
    expect(done.body.result.added.map((alert: { key: string }) => alert.key)).toEqual(['host:host-b']);
    expect(done.body.result.removed.map((alert: { key: string }) => alert.key)).toEqual(['host:host-a']);
    expect(done.body.result.unchanged).toBe(1);
  });
});
