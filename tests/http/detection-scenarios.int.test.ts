import { describe, expect, it } from 'vitest';
import { runDetectionOnce } from '../../services/detection/index.ts';
import { createTestOrg, type TestOrg } from '../fixtures/identity.ts';
import { useTestServer } from '../harness.ts';

const t = useTestServer();

const incidentCategories = async (org: TestOrg) =>
  (await t.deps.db.selectFrom('incidents').select('threat_category').where('org_id', '=', org.orgId).orderBy('id').execute()).map((row) => row.threat_category);

async function runScenario(org: OrgWithAnalyst, scenario: string, extra: Record<string, unknown> = {}) {
  const response = await t.http.post('/ingest/synthetic', { scenario, seed: 7, start_time: '2026-11-23T08:00:00Z', ...extra }, org.analyst.headers);
  expect(response.status).toBe(200);
  expect(response.body.stored).toBeGreaterThan(0);
  while ((await runDetectionOnce(t.deps, org.orgId, 0)).processed > 0);
}

type OrgWithAnalyst = TestOrg & { analyst: Awaited<ReturnType<TestOrg['addUser']>> };
async function orgWithAnalyst(): Promise<OrgWithAnalyst> {
  const org = await createTestOrg(t.deps);
  return { ...org, analyst: await org.addUser('analyst') };
}

describe('synthetic scenarios through HTTP ingest and detection', () => {
  it('brute force makes one brute-force incident, and replaying it changes nothing', async () => {
    const org = await orgWithAnalyst();
    await runScenario(org, 'brute_force', { src_ip: '203.0.113.50' });
    expect(await incidentCategories(org)).toContain('brute_force');
    const before = await incidentCategories(org);
    const replay = await t.http.post(
      '/ingest/synthetic',
      { scenario: 'brute_force', seed: 7, start_time: '2026-11-23T08:00:00Z', src_ip: '203.0.113.50' },
      org.analyst.headers,
    );
    expect(replay.body).toMatchObject({ stored: 0 });
    expect(replay.body.deduplicated).toBeGreaterThan(0);
    await runDetectionOnce(t.deps, org.orgId, 0);
    expect(await incidentCategories(org)).toEqual(before);
  });

  it('a port scan makes a reconnaissance incident', async () => {
    const org = await orgWithAnalyst();
    await runScenario(org, 'port_scan', { src_ip: '198.51.100.77' });
    expect(await incidentCategories(org)).toEqual(['reconnaissance']);
  });

  it('a web attack makes a web-attack incident', async () => {
    const org = await orgWithAnalyst();
    await runScenario(org, 'web_attack');
    expect(await incidentCategories(org)).toContain('web_attack');
  });

  it('benign traffic makes none', async () => {
    const org = await orgWithAnalyst();
    await runScenario(org, 'benign');
    expect(await incidentCategories(org)).toEqual([]);
  });
});
