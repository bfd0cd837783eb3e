import { describe, expect, it } from 'vitest';
import type { TestOrg } from '../../tests/fixtures/identity.ts';
import { insertAttackIncident } from '../../tests/fixtures/response.ts';
import { createTrigger, firesOf, put, queuedTriggerJobs, runTriggerJobs, send } from '../../tests/fixtures/triggers.ts';
import { useTestServer } from '../../tests/harness.ts';
import { createTwoOrgs, expectHidden } from '../../tests/tenancy.ts';

const t = useTestServer();

const triggerOf = async (org: TestOrg) => (await createTrigger(t, org, { name: 'a-secret' })).id;
const stateOf = async (org: TestOrg, id: number) => (await t.http.get(`/api/triggers/${id}`, org.admin.headers)).body;

describe('triggers.list', () => {
  it("never lists another organisation's triggers", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await triggerOf(a);
    expect((await t.http.get('/api/triggers', b.admin.headers)).body).toEqual([]);
  });
});

describe('triggers.create', () => {
  it("creates in the caller's organisation only; names are unique per organisation", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await triggerOf(a);
    // the same name in another organisation is not a conflict
    expect((await createTrigger(t, b, { name: 'a-secret' })).name).toBe('a-secret');
    expect((await t.http.get('/api/triggers', a.admin.headers)).body).toHaveLength(1);
  });
});

describe('triggers.stats', () => {
  it("counts only the caller's organisation", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await triggerOf(a);
    expect((await t.http.get('/api/triggers/stats/summary', b.admin.headers)).body).toMatchObject({ total_triggers: 0, enabled_triggers: 0 });
  });
});

describe('triggers.bulkPause', () => {
  it("never pauses another organisation's triggers", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const id = await triggerOf(a);
    expect((await send(t, 'POST', '/api/triggers/bulk/pause', JSON.stringify([id]), b.admin.headers)).body).toEqual({
      success: true,
      paused_count: 0,
      not_found: [id],
    });
    expect(await stateOf(a, id)).toMatchObject({ enabled: true, status: 'active' });
  });
});

describe('triggers.bulkResume', () => {
  it("never resumes another organisation's triggers", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const id = await triggerOf(a);
    await send(t, 'POST', '/api/triggers/bulk/pause', JSON.stringify([id]), a.admin.headers);
    expect((await send(t, 'POST', '/api/triggers/bulk/resume', JSON.stringify([id]), b.admin.headers)).body.resumed_count).toBe(0);
    expect(await stateOf(a, id)).toMatchObject({ enabled: false, status: 'paused' });
  });
});

describe('triggers.bulkArchive', () => {
  it("never archives another organisation's triggers", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const id = await triggerOf(a);
    expect((await send(t, 'POST', '/api/triggers/bulk/archive', JSON.stringify([id]), b.admin.headers)).body.archived_count).toBe(0);
    expect((await stateOf(a, id)).status).toBe('active');
  });
});

describe('triggers.get', () => {
  it("answers 404 for another organisation's trigger", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await expectHidden((id) => t.http.get(`/api/triggers/${id}`, b.admin.headers), await triggerOf(a));
  });
});

describe('triggers.update', () => {
  it("answers 404 for another organisation's trigger and changes nothing", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const id = await triggerOf(a);
    await expectHidden((triggerId) => put(t, `/api/triggers/${triggerId}`, { auto_execute: true }, b.admin.headers), id);
    expect(await stateOf(a, id)).toMatchObject({ auto_execute: false, version: 1 });
  });
});

describe('triggers.delete', () => {
  it("answers 404 for another organisation's trigger and keeps it", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const id = await triggerOf(a);
    await expectHidden((triggerId) => t.http.delete(`/api/triggers/${triggerId}`, b.admin.headers), id);
    expect((await t.http.get(`/api/triggers/${id}`, a.admin.headers)).status).toBe(200);
  });
});

describe('triggers.enable', () => {
  it("answers 404 for another organisation's trigger and changes nothing", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const id = await triggerOf(a);
    await t.http.post(`/api/triggers/${id}/disable`, {}, a.admin.headers);
    await expectHidden((triggerId) => t.http.post(`/api/triggers/${triggerId}/enable`, {}, b.admin.headers), id);
    expect((await stateOf(a, id)).enabled).toBe(false);
  });
});

describe('triggers.disable', () => {
  it("answers 404 for another organisation's trigger and changes nothing", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const id = await triggerOf(a);
    await expectHidden((triggerId) => t.http.post(`/api/triggers/${triggerId}/disable`, {}, b.admin.headers), id);
    expect((await stateOf(a, id)).enabled).toBe(true);
  });
});

describe('triggers.updateSettings', () => {
  it("answers 404 for another organisation's trigger and changes nothing", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const id = await triggerOf(a);
    await expectHidden((triggerId) => t.http.patch(`/api/triggers/${triggerId}/settings`, { auto_execute: true }, b.admin.headers), id);
    expect((await stateOf(a, id)).auto_execute).toBe(false);
  });
});

describe('triggers.simulate', () => {
  it("answers 404 for another organisation's trigger or incident, and defaults to the caller's own latest incident", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const theirTrigger = await triggerOf(a);
    const theirIncident = await insertAttackIncident(t.deps, a.orgId, '203.0.113.99');
    await expectHidden((triggerId) => t.http.post(`/api/triggers/${triggerId}/simulate`, {}, b.admin.headers), theirTrigger);
    const mine = await triggerOf(b);
    await expectHidden((incidentId) => t.http.post(`/api/triggers/${mine}/simulate`, { incident_id: incidentId }, b.admin.headers), theirIncident);
    // B has no incident: A's latest is not B's default
    expect((await t.http.post(`/api/triggers/${mine}/simulate`, {}, b.admin.headers)).status).toBe(400);
  });

  it("an organisation's incident changes never fire another organisation's triggers", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await createTrigger(t, a, { conditions: {} });
    const created = await t.http.post('/incidents', { title: 'B incident', severity: 'high' }, b.admin.headers);
    expect(created.status).toBeLessThan(300);
    expect(await queuedTriggerJobs(t.deps, b.orgId)).toEqual([]);
    await runTriggerJobs(t.deps);
    expect(await firesOf(t.deps, a.orgId)).toEqual([]);
  });
});
