import { describe, expect, it } from 'vitest';
import { failedLogin, postMulti } from '../../tests/fixtures/cases.ts';
import { createHunt, huntAlertsOf, huntRunsOf, makeDue, runSchedulerMinute } from '../../tests/fixtures/hunts.ts';
import type { TestOrg } from '../../tests/fixtures/identity.ts';
import { useTestServer } from '../../tests/harness.ts';
import { createTwoOrgs, expectHidden } from '../../tests/tenancy.ts';

const t = useTestServer();

const huntOf = async (org: TestOrg, over: Record<string, unknown> = {}) => (await createHunt(t, org, { name: 'a-secret', ...over })).id;
const stateOf = async (org: TestOrg, id: number) => (await t.http.get(`/api/hunts/${id}`, org.admin.headers)).body;

describe('search.hunts.list', () => {
  it("never lists another organisation's hunts", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await huntOf(a);
    expect((await t.http.get('/api/hunts', b.admin.headers)).body).toEqual([]);
  });
});

describe('search.hunts.create', () => {
  it("creates in the caller's organisation only; names are unique per organisation", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await huntOf(a);
    expect((await createHunt(t, b, { name: 'a-secret' })).name).toBe('a-secret');
    expect((await t.http.get('/api/hunts', a.admin.headers)).body).toHaveLength(1);
  });
});

describe('search.hunts.get', () => {
  it("answers another organisation's hunt as missing", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const id = await huntOf(a);
    await expectHidden((huntId) => t.http.get(`/api/hunts/${huntId}`, b.admin.headers), id);
  });
});

describe('search.hunts.update', () => {
  it("never changes another organisation's hunt", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const id = await huntOf(a);
    await expectHidden((huntId) => t.http.patch(`/api/hunts/${huntId}`, { name: 'stolen', schedule: '5m' }, b.admin.headers), id);
    expect(await stateOf(a, id)).toMatchObject({ name: 'a-secret', schedule: null });
  });
});

describe('search.hunts.delete', () => {
  it("never deletes another organisation's hunt", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const id = await huntOf(a);
    await expectHidden((huntId) => t.http.delete(`/api/hunts/${huntId}`, b.admin.headers), id);
    expect(await stateOf(a, id)).toMatchObject({ name: 'a-secret' });
  });
});

describe('search.hunts.run', () => {
  it("never runs another organisation's hunt; a hunt only ever searches and alerts in its own organisation", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await postMulti(t, b, 'cowrie', [failedLogin('203.0.113.7', 1)]);
    const id = await huntOf(a, { schedule: '1h' });
    await expectHidden((huntId) => t.http.post(`/api/hunts/${huntId}/run`, {}, b.admin.headers), id);
    expect(await huntRunsOf(t, a, id)).toEqual([]);
    // B's events match A's query, yet A's run sees none of them and raises nothing anywhere
    const ran = await t.http.post(`/api/hunts/${id}/run`, {}, a.admin.headers);
    expect(ran.body.run).toMatchObject({ status: 'ok', row_count: 0 });
    await makeDue(t.deps, id);
    await runSchedulerMinute(t.deps);
    expect((await huntRunsOf(t, a, id))[0]).toMatchObject({ triggered_by: 'schedule', row_count: 0, alert_id: null });
    expect([...(await huntAlertsOf(t.deps, a.orgId)), ...(await huntAlertsOf(t.deps, b.orgId))]).toEqual([]);
  });
});

describe('search.hunts.runs', () => {
  it("answers another organisation's run history as missing", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const id = await huntOf(a);
    await t.http.post(`/api/hunts/${id}/run`, {}, a.admin.headers);
    await expectHidden((huntId) => t.http.get(`/api/hunts/${huntId}/runs`, b.admin.headers), id);
  });
});
