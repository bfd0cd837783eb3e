import { describe, expect, it } from 'vitest';
import type { TestOrg } from '../../tests/fixtures/identity.ts';
import { useTestServer } from '../../tests/harness.ts';
import { createTwoOrgs, expectHidden } from '../../tests/tenancy.ts';

const t = useTestServer({ OUTBOUND_ALLOWLIST: '127.0.0.1' });

async function subscriptionOf(org: TestOrg, url = 'https://hooks.example.com/a-secret'): Promise<number> {
  const created = await t.http.post(
    '/api/webhooks/subscriptions',
    { url, event_types: ['incident.created', 'alert.created'], name: 'a-secret' },
    org.admin.headers,
  );
  expect(created.status).toBe(201);
  return created.body.id;
}

describe('webhooks.createSubscription', () => {
  it("creates in the caller's organisation only, and only the caller's events reach it", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await subscriptionOf(b);
    expect((await t.http.get('/api/webhooks/subscriptions', a.admin.headers)).body).toEqual([]);
    const incident = await t.http.post('/incidents', { title: 'A only' }, a.admin.headers);
    expect(incident.status).toBe(201);
    await t.http.post('/alerts', { title: 'A alert', source: 'test', category: 'misc' }, a.admin.headers);
    const deliveries = await t.deps.db.selectFrom('webhook_deliveries').select(['org_id']).execute();
    expect(deliveries.filter((delivery) => delivery.org_id === b.orgId)).toEqual([]);
  });
});

describe('webhooks.listSubscriptions', () => {
  it("never lists another organisation's subscriptions", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await subscriptionOf(a);
    expect((await t.http.get('/api/webhooks/subscriptions', b.admin.headers)).body).toEqual([]);
  });
});

describe('webhooks.getSubscription', () => {
  it("answers 404 for another organisation's subscription", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await expectHidden((id) => t.http.get(`/api/webhooks/subscriptions/${id}`, b.admin.headers), await subscriptionOf(a));
  });
});

describe('webhooks.updateSubscription', () => {
  it("answers 404 for another organisation's subscription and changes nothing", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const id = await subscriptionOf(a);
    await expectHidden(
      (webhookId) => t.http.patch(`/api/webhooks/subscriptions/${webhookId}`, { url: 'https://evil.example.com/', is_active: false }, b.admin.headers),
      id,
    );
    expect((await t.http.get(`/api/webhooks/subscriptions/${id}`, a.admin.headers)).body).toMatchObject({
      url: 'https://hooks.example.com/a-secret',
      is_active: true,
    });
  });
});

describe('webhooks.deleteSubscription', () => {
  it("answers 404 for another organisation's subscription and keeps it", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const id = await subscriptionOf(a);
    await expectHidden((webhookId) => t.http.delete(`/api/webhooks/subscriptions/${webhookId}`, b.admin.headers), id);
    expect((await t.http.get(`/api/webhooks/subscriptions/${id}`, a.admin.headers)).status).toBe(200);
  });
});

describe('webhooks.test', () => {
  it("answers 404 for another organisation's subscription (its secret never signs B's test)", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const id = await subscriptionOf(a, 'http://127.0.0.1:9/never');
    await expectHidden((webhookId) => t.http.post('/api/webhooks/test', { webhook_id: webhookId }, b.admin.headers), id);
  });
});
