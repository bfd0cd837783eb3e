import { describe, expect, it } from 'vitest';
import type { TestOrg } from '../../tests/fixtures/identity.ts';
import { importSigma, MIMIKATZ_RULE } from '../../tests/fixtures/rules.ts';
import { useTestServer } from '../../tests/harness.ts';
import { createTwoOrgs, expectHidden } from '../../tests/tenancy.ts';

const t = useTestServer();

async function sigmaRuleOf(a: TestOrg): Promise<number> {
  return (await importSigma(t.http, a, MIMIKATZ_RULE)).created[0]?.rule_id as number;
}

async function analyticsRuleOf(a: TestOrg): Promise<number> {
  const created = await t.http.post('/analytics/rules', { name: 'a-secret', query: MIMIKATZ_RULE }, a.admin.headers);
  expect(created.status).toBe(200);
  return created.body.id;
}

async function biocOf(a: TestOrg): Promise<number> {
  const created = await t.http.post('/biocs', { name: 'a-secret', detection_logic: MIMIKATZ_RULE, tags: [] }, a.admin.headers);
  expect(created.status).toBe(200);
  return created.body.id;
}

describe('rules.listDetections', () => {
  it("never lists another organisation's detection rules", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const created = await t.http.post('/rules/detections', { name: 'a-secret', conditions: { event_type: 'x' } }, a.admin.headers);
    expect(created.status).toBe(201);
    expect((await t.http.get('/rules/detections', b.admin.headers)).body).toEqual([]);
  });
});

describe('rules.createDetection', () => {
  it("creates in the caller's organisation only", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await t.http.post('/rules/detections', { name: 'b-rule', conditions: { event_type: 'x' } }, b.admin.headers);
    expect((await t.http.get('/rules/detections', a.admin.headers)).body).toEqual([]);
  });
});

describe('rules.listAnalytics', () => {
  it("never lists another organisation's analytics rules", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await analyticsRuleOf(a);
    expect((await t.http.get('/analytics/rules', b.admin.headers)).body).toEqual([]);
  });
});

describe('rules.createAnalytics', () => {
  it("creates in the caller's organisation only", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await analyticsRuleOf(b);
    expect((await t.http.get('/analytics/rules', a.admin.headers)).body).toEqual([]);
  });
});

describe('rules.getAnalytics', () => {
  it("answers 404 for another organisation's analytics rule", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await expectHidden((id) => t.http.get(`/analytics/rules/${id}`, b.admin.headers), await analyticsRuleOf(a));
  });
});

describe('rules.updateAnalytics', () => {
  it("answers 404 for another organisation's analytics rule and changes nothing", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const id = await analyticsRuleOf(a);
    await expectHidden((ruleId) => t.http.patch(`/analytics/rules/${ruleId}`, { status: 'disabled' }, b.admin.headers), id);
    expect((await t.http.get(`/analytics/rules/${id}`, a.admin.headers)).body.status).toBe('enabled');
  });
});

describe('rules.list', () => {
  it("never lists another organisation's library rules", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await sigmaRuleOf(a);
    expect((await t.http.get('/api/rules?search=Mimikatz', b.admin.headers)).body).toEqual([]);
  });
});

describe('rules.get', () => {
  it("answers 404 for another organisation's rule", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await expectHidden((id) => t.http.get(`/api/rules/${id}`, b.admin.headers), await sigmaRuleOf(a));
  });
});

describe('rules.update', () => {
  it("answers 404 for another organisation's rule and changes nothing", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const id = await sigmaRuleOf(a);
    await expectHidden((ruleId) => t.http.patch(`/api/rules/${ruleId}`, { enabled: false }, b.admin.headers), id);
    expect((await t.http.get(`/api/rules/${id}`, a.admin.headers)).body.enabled).toBe(true);
  });
});

describe('rules.import', () => {
  it("upserts by id within the caller's organisation only", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await sigmaRuleOf(a);
    const again = await importSigma(t.http, b, MIMIKATZ_RULE);
    expect(again.created).toHaveLength(1);
    expect((await t.http.get('/api/rules', a.admin.headers)).body).toHaveLength(1);
  });
});

describe('rules.test', () => {
  it("answers 404 when testing another organisation's stored rule", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await expectHidden((id) => t.http.post('/api/rules/test', { rule_id: id, events: [] }, b.admin.headers), await sigmaRuleOf(a));
  });
});

describe('rules.requestReplay', () => {
  it("answers 404 for another organisation's rule and queues nothing", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const id = await sigmaRuleOf(a);
    await expectHidden((ruleId) => t.http.post(`/api/rules/${ruleId}/replay`, {}, b.admin.headers), id);
    expect((await t.http.get(`/api/rules/${id}/replay`, a.admin.headers)).status).toBe(404);
  });
});

describe('rules.getReplay', () => {
  it("answers 404 for another organisation's replay", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const id = await sigmaRuleOf(a);
    expect((await t.http.post(`/api/rules/${id}/replay`, {}, a.admin.headers)).status).toBe(202);
    await expectHidden((ruleId) => t.http.get(`/api/rules/${ruleId}/replay`, b.admin.headers), id);
  });
});

describe('rules.listBiocs', () => {
  it("never lists another organisation's BIOC rules", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await biocOf(a);
    expect((await t.http.get('/biocs', b.admin.headers)).body).toEqual([]);
  });
});

describe('rules.createBioc', () => {
  it("creates in the caller's organisation only", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await biocOf(b);
    expect((await t.http.get('/biocs', a.admin.headers)).body).toEqual([]);
  });
});

describe('rules.updateBioc', () => {
  it("answers 404 for another organisation's BIOC and changes nothing", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const id = await biocOf(a);
    await expectHidden((ruleId) => t.http.patch(`/biocs/${ruleId}`, { status: 'disabled' }, b.admin.headers), id);
    expect((await t.http.get('/biocs', a.admin.headers)).body[0].status).toBe('enabled');
  });
});

describe('rules.listPacks', () => {
  it("counts only the caller's organisation's copies of a pack", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    expect((await t.http.post('/api/rules/packs/vigil-windows-core/enable', {}, a.admin.headers)).status).toBe(200);
    const packs = (await t.http.get('/api/rules/packs', b.admin.headers)).body as Array<{ name: string; installed: number }>;
    expect(packs.find((pack) => pack.name === 'vigil-windows-core')?.installed).toBe(0);
  });
});

describe('rules.enablePack', () => {
  it("installs into the caller's organisation only", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await t.http.post('/api/rules/packs/vigil-windows-core/enable', {}, b.admin.headers);
    expect((await t.http.get('/api/rules', a.admin.headers)).body).toEqual([]);
  });
});

describe('rules.disablePack', () => {
  it("never disables another organisation's copies", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await t.http.post('/api/rules/packs/vigil-windows-core/enable', {}, a.admin.headers);
    const before = ((await t.http.get('/api/rules?enabled=true', a.admin.headers)).body as unknown[]).length;
    expect(before).toBeGreaterThan(0);
    expect((await t.http.post('/api/rules/packs/vigil-windows-core/disable', {}, b.admin.headers)).body.count).toBe(0);
    expect(((await t.http.get('/api/rules?enabled=true', a.admin.headers)).body as unknown[]).length).toBe(before);
  });
});
