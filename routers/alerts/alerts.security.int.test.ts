import { describe, expect, it } from 'vitest';
import { ALERT_ACTION_ROUTES, detectorAlertId, reportedAlertId } from '../../tests/fixtures/alerts.ts';
import type { TestOrg } from '../../tests/fixtures/identity.ts';
import { useTestServer } from '../../tests/harness.ts';
import { createTwoOrgs, expectHidden } from '../../tests/tenancy.ts';

const t = useTestServer();

async function alertOfA(a: TestOrg): Promise<number> {
  return reportedAlertId(t.http, a, { title: 'a-secret-alert' });
}

async function unchanged(a: TestOrg, alertId: number) {
  const detail = await t.http.get(`/alerts/${alertId}`, a.admin.headers);
  expect(detail.status).toBe(200);
  expect(detail.body).toMatchObject({ status: 'open', assigned_to: null, conclusion: null, escalations: [], actions: [] });
  expect(detail.body.history).toHaveLength(1);
}

describe('alerts.list', () => {
  it("never lists another organisation's alerts, whatever the filters", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const alertId = await detectorAlertId(t.deps, a, '203.0.113.77');
    const incidentId = (await t.http.get(`/alerts/${alertId}`, a.admin.headers)).body.incident_id;
    for (const query of ['', '?src_ip=203.0.113.77', `?incident_id=${incidentId}`, `?assigned_to=${a.admin.id}`, '?category=brute_force']) {
      const listed = await t.http.get(`/alerts${query}`, b.admin.headers);
      expect(listed.body, query).toEqual([]);
      expect(listed.headers.get('x-total-count')).toBe('0');
    }
  });
});

describe('alerts.get', () => {
  it("answers 404 for another organisation's alert", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await expectHidden((id) => t.http.get(`/alerts/${id}`, b.admin.headers), await alertOfA(a));
  });
});

describe('alerts.create', () => {
  it("creates in the caller's organisation and never extends an identical alert of another", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const inA = await alertOfA(a);
    const inB = await reportedAlertId(t.http, b, { title: 'a-secret-alert' });
    expect(inB).not.toBe(inA);
    expect((await t.http.get(`/alerts/${inA}`, a.admin.headers)).body.occurrences).toBe(1);
    expect((await t.http.get<{ id: number }[]>('/alerts', b.admin.headers)).body.map((alert) => alert.id)).toEqual([inB]);
  });
});

describe('alerts.update', () => {
  it("answers 404 for another organisation's alert and changes nothing", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const alertId = await alertOfA(a);
    await expectHidden((id) => t.http.patch(`/alerts/${id}`, { status: 'closed', conclusion: 'hijacked' }, b.admin.headers), alertId);
    await unchanged(a, alertId);
  });
});

describe('alerts.delete', () => {
  it("answers 404 for another organisation's alert and deletes nothing", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const alertId = await alertOfA(a);
    await expectHidden((id) => t.http.delete(`/alerts/${id}`, b.admin.headers), alertId);
    await unchanged(a, alertId);
  });
});

describe('alerts.escalate', () => {
  it("answers 404 for another organisation's alert, even escalated to one of its users", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const alertId = await alertOfA(a);
    await expectHidden((id) => t.http.post(`/alerts/${id}/escalate`, { escalated_to: b.admin.id }, b.admin.headers), alertId);
    await expectHidden((id) => t.http.post(`/alerts/${id}/escalate`, { escalated_to: a.admin.id }, b.admin.headers), alertId);
    await unchanged(a, alertId);
  });
});

function actionIsHidden(path: (typeof ALERT_ACTION_ROUTES)[number]['path']) {
  const route = ALERT_ACTION_ROUTES.find((candidate) => candidate.path === path);
  if (!route) throw new Error(`no route ${path}`);
  it(`answers 404 for another organisation's alert and executes no ${path}`, async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const alertId = await alertOfA(a);
    await expectHidden((id) => t.http.post(`/alerts/${id}/${path}`, { [route.param]: route.value }, b.admin.headers), alertId);
    await expectHidden((id) => t.http.post(`/alerts/${id}/${path}?${route.param}=${encodeURIComponent(route.value)}`, undefined, b.admin.headers), alertId);
    await unchanged(a, alertId);
    const recorded = await t.deps.db.selectFrom('response_actions').select('id').where('org_id', 'in', [a.orgId, b.orgId]).execute();
    expect(recorded).toEqual([]);
  });
}

describe('alerts.blockUrl', () => actionIsHidden('block-url'));
describe('alerts.unblockUrl', () => actionIsHidden('unblock-url'));
describe('alerts.blockSender', () => actionIsHidden('block-sender'));
describe('alerts.unblockSender', () => actionIsHidden('unblock-sender'));
describe('alerts.revokeSession', () => actionIsHidden('revoke-session'));
describe('alerts.isolateDevice', () => actionIsHidden('isolate-device'));
