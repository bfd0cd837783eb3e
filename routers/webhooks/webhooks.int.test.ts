import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { insertWebhookSubscription } from '../../db/repos/webhook-subscriptions.repo.ts';
import { DISABLE_AFTER_CONSECUTIVE_FAILURES, MAX_DELIVERY_ATTEMPTS, pruneWebhookDeliveries, WEBHOOK_EVENT_TYPES } from '../../services/webhooks/index.ts';
import { seedIncidents } from '../../tests/fixtures/cases.ts';
import { createTestOrg, type TestOrg } from '../../tests/fixtures/identity.ts';
import { drainWebhookJobs, type Receiver, startReceiver } from '../../tests/fixtures/webhooks.ts';
import { useTestServer } from '../../tests/harness.ts';

// The receivers listen on 127.0.0.1: this server allow-lists exactly that address, nothing else private.
const t = useTestServer({ OUTBOUND_ALLOWLIST: '127.0.0.1' });

const receivers: Receiver[] = [];
afterAll(async () => {
  await Promise.all(receivers.map((receiver) => receiver.close()));
});

async function receiver(secret: () => string, answer: (index: number) => number = () => 200): Promise<Receiver> {
  const started = await startReceiver(secret, answer);
  receivers.push(started);
  return started;
}

async function subscribe(org: TestOrg, body: Record<string, unknown>) {
  const created = await t.http.post('/api/webhooks/subscriptions', body, org.admin.headers);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: number; secret: string; url: string; event_types: string[] };
}

const deliveriesOf = (org: TestOrg) =>
  t.deps.db.selectFrom('webhook_deliveries').selectAll().where('org_id', '=', org.orgId).orderBy('created_at').orderBy('event_type').execute();

describe('webhook subscriptions', () => {
  it('creates (secret shown once), lists, reads, updates and deletes', async () => {
    const org = await createTestOrg(t.deps);
    const created = await subscribe(org, { url: 'https://hooks.example.com/vigil', event_types: ['incident.created', 'alert.created'], name: 'SOAR' });
    expect(created).toMatchObject({
      url: 'https://hooks.example.com/vigil',
      event_types: ['incident.created', 'alert.created'],
      name: 'SOAR',
      is_active: true,
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const listed = await t.http.get('/api/webhooks/subscriptions', org.admin.headers);
    expect(listed.body).toHaveLength(1);
    expect(listed.body[0]).not.toHaveProperty('secret');
    expect(JSON.stringify(listed.body)).not.toContain(created.secret);

    const one = await t.http.get(`/api/webhooks/subscriptions/${created.id}`, org.admin.headers);
    expect(one.body).toMatchObject({ id: created.id, delivery_success_count: 0, delivery_failure_count: 0, recent_deliveries: [] });
    expect(JSON.stringify(one.body)).not.toContain(created.secret);
    const stored = await t.deps.db.selectFrom('webhook_subscriptions').select('secret_encrypted').where('public_id', '=', created.id).executeTakeFirstOrThrow();
    expect(stored.secret_encrypted.includes(Buffer.from(created.secret))).toBe(false);

    const patched = await t.http.patch(`/api/webhooks/subscriptions/${created.id}`, { name: 'SOAR 2', is_active: false }, org.admin.headers);
    expect(patched.body).toMatchObject({ name: 'SOAR 2', is_active: false, disabled_reason: expect.stringContaining('disabled by a user') });
    expect((await t.http.get('/api/webhooks/subscriptions?active_only=true', org.admin.headers)).body).toEqual([]);
    const enabled = await t.http.patch(
      `/api/webhooks/subscriptions/${created.id}`,
      { is_active: true, event_types: ['incident.escalated'] },
      org.admin.headers,
    );
    expect(enabled.body).toMatchObject({ is_active: true, disabled_reason: null, event_types: ['incident.escalated'] });

    const deleted = await t.http.delete(`/api/webhooks/subscriptions/${created.id}`, org.admin.headers);
    expect(deleted.status).toBe(204);
    expect((await t.http.get(`/api/webhooks/subscriptions/${created.id}`, org.admin.headers)).status).toBe(404);
    expect((await t.http.delete(`/api/webhooks/subscriptions/${created.id}`, org.admin.headers)).status).toBe(404);
  });

  it('keeps the caller secret when given one', async () => {
    const org = await createTestOrg(t.deps);
    const created = await subscribe(org, { url: 'https://hooks.example.com/x', event_types: ['alert.created'], secret: 'my-shared-secret-0123456789' });
    expect(created.secret).toBe('my-shared-secret-0123456789');
  });

  it.each([
    [{ url: 'ftp://hooks.example.com/x', event_types: ['alert.created'] }, 'url'],
    [{ url: 'not a url', event_types: ['alert.created'] }, 'url'],
    [{ url: 'https://hooks.example.com/x', event_types: ['incident.exploded'] }, 'event_types.0'],
    [{ url: 'https://hooks.example.com/x', event_types: [] }, 'event_types'],
    [{ url: 'https://hooks.example.com/x', event_types: ['alert.created'], secret: 'short' }, 'secret'],
    [{ url: 'http://169.254.169.254/latest/meta-data/', event_types: ['alert.created'] }, 'url'],
    [{ url: 'http://10.0.0.5/hook', event_types: ['alert.created'] }, 'url'],
    [{ url: 'http://localhost:8080/hook', event_types: ['alert.created'] }, 'url'],
    [{ url: 'https://user:pw@hooks.example.com/x', event_types: ['alert.created'] }, 'url'],
  ])('refuses %j naming %s', async (body, field) => {
    const org = await createTestOrg(t.deps);
    const refused = await t.http.post('/api/webhooks/subscriptions', body, org.admin.headers);
    expect(refused.status).toBe(400);
    expect(refused.body.issues.map((issue: { path: string }) => issue.path)).toContain(field);
  });

  it('lists the event catalogue', async () => {
    const org = await createTestOrg(t.deps);
    const events = await t.http.get('/api/webhooks/events', org.admin.headers);
    expect(events.body.events.map((event: { type: string }) => event.type)).toEqual([...WEBHOOK_EVENT_TYPES]);
    for (const type of [
      'incident.created',
      'incident.updated',
      'incident.escalated',
      'incident.contained',
      'alert.created',
      'response.executed',
      'workflow.completed',
      'workflow.failed',
    ]) {
      expect(WEBHOOK_EVENT_TYPES).toContain(type);
    }
  });

  it('lets a viewer read but not write', async () => {
    const org = await createTestOrg(t.deps);
    const viewer = await org.addUser('viewer');
    expect((await t.http.get('/api/webhooks/subscriptions', viewer.headers)).status).toBe(200);
    expect((await t.http.post('/api/webhooks/subscriptions', { url: 'https://a.example.com/', event_types: ['alert.created'] }, viewer.headers)).status).toBe(
      403,
    );
    expect((await t.http.post('/api/webhooks/test', { url: 'https://a.example.com/' }, viewer.headers)).status).toBe(403);
  });
});

describe('webhook delivery', () => {
  it('retries a receiver that answers 500 twice, then 200: both signatures valid over the exact bytes, three attempts logged', async () => {
    const org = await createTestOrg(t.deps);
    let secret = '';
    const hook = await receiver(
      () => secret,
      (index) => (index < 2 ? 500 : 200),
    );
    const created = await subscribe(org, { url: hook.url, event_types: ['incident.created'] });
    secret = created.secret;

    const incident = await t.http.post('/incidents', { title: 'Webhook drill', severity: 'high' }, org.admin.headers);
    expect(incident.status).toBe(201);
    expect(await deliveriesOf(org)).toHaveLength(1);
    await drainWebhookJobs(t.deps);

    expect(hook.received).toHaveLength(3);
    expect(hook.received.map((request) => request.answered)).toEqual([500, 500, 200]);
    for (const request of hook.received) {
      expect(request.standardSignatureValid).toBe(true);
      expect(request.miniXdrSignatureValid).toBe(true);
      expect(request.headers['x-mini-xdr-event']).toBe('incident.created');
      expect(request.headers['content-type']).toBe('application/json');
    }
    expect(new Set(hook.received.map((request) => request.headers['webhook-id'])).size).toBe(1);
    expect(hook.received.map((request) => request.headers['x-mini-xdr-delivery-attempt'])).toEqual(['1', '2', '3']);
    expect(new Set(hook.received.map((request) => request.body.toString('utf8'))).size).toBe(1);
    const body = JSON.parse(hook.received[0]?.body.toString('utf8') ?? '{}');
    expect(body).toMatchObject({ event_type: 'incident.created', data: { incident_id: incident.body.id, title: 'Webhook drill', severity: 'high' } });

    const detail = await t.http.get(`/api/webhooks/subscriptions/${created.id}`, org.admin.headers);
    expect(detail.body).toMatchObject({ delivery_success_count: 1, delivery_failure_count: 2, consecutive_failures: 0, is_active: true });
    expect(detail.body.recent_deliveries).toHaveLength(1);
    const [delivery] = detail.body.recent_deliveries;
    expect(delivery).toMatchObject({
      status: 'delivered',
      attempts: 3,
      last_status_code: 200,
      event_type: 'incident.created',
      id: hook.received[0]?.headers['webhook-id'],
    });
    expect(delivery.attempt_log.map((attempt: { status_code: number }) => attempt.status_code)).toEqual([500, 500, 200]);
    expect(delivery.attempt_log[0].error).toContain('http_status');
  });

  it('backs off between attempts: the retry waits in the queue', async () => {
    const org = await createTestOrg(t.deps);
    let secret = '';
    const hook = await receiver(
      () => secret,
      () => 503,
    );
    secret = (await subscribe(org, { url: hook.url, event_types: ['alert.created'] })).secret;
    await t.http.post('/alerts', { title: 'Backoff', source: 'test', category: 'misc' }, org.admin.headers);
    const { runOnce } = await import('graphile-worker');
    const { buildTaskList } = await import('../../jobs/registry.ts');
    const { graphileLogger } = await import('../../jobs/log-adapter.ts');
    await runOnce({
      pgPool: t.deps.pool,
      taskList: buildTaskList(t.deps, t.deps.logger),
      logger: graphileLogger(t.deps.logger),
      preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
    });
    expect(hook.received).toHaveLength(1);
    const [delivery] = await deliveriesOf(org);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, last_status_code: 503 });
    const wait = (delivery?.next_attempt_at?.getTime() ?? 0) - Date.now();
    expect(wait).toBeGreaterThan(2_000);
    expect(wait).toBeLessThanOrEqual(5_000);
  });

  it('gives up after the last attempt, and disables a subscription after persistent failure', async () => {
    const org = await createTestOrg(t.deps);
    let secret = '';
    const hook = await receiver(
      () => secret,
      () => 500,
    );
    const created = await subscribe(org, { url: hook.url, event_types: ['alert.created'] });
    secret = created.secret;
    await t.http.post('/alerts', { title: 'First', source: 'test', category: 'misc' }, org.admin.headers);
    await drainWebhookJobs(t.deps);
    expect(hook.received).toHaveLength(MAX_DELIVERY_ATTEMPTS);
    expect((await deliveriesOf(org))[0]).toMatchObject({ status: 'failed', attempts: MAX_DELIVERY_ATTEMPTS, next_attempt_at: null });
    expect((await t.http.get(`/api/webhooks/subscriptions/${created.id}`, org.admin.headers)).body).toMatchObject({
      is_active: true,
      consecutive_failures: MAX_DELIVERY_ATTEMPTS,
    });

    await t.http.post('/alerts', { title: 'Second', source: 'test', category: 'misc' }, org.admin.headers);
    await t.http.post('/alerts', { title: 'Third', source: 'test', category: 'misc' }, org.admin.headers);
    await drainWebhookJobs(t.deps);
    expect(hook.received).toHaveLength(DISABLE_AFTER_CONSECUTIVE_FAILURES);
    const after = await t.http.get(`/api/webhooks/subscriptions/${created.id}`, org.admin.headers);
    expect(after.body).toMatchObject({
      is_active: false,
      consecutive_failures: DISABLE_AFTER_CONSECUTIVE_FAILURES,
      delivery_failure_count: DISABLE_AFTER_CONSECUTIVE_FAILURES,
    });
    expect(after.body.disabled_reason).toMatch(
      /disabled automatically after 10 failed delivery attempts in a row \(last: http_status: the receiver answered 500\)/,
    );
    expect((await deliveriesOf(org)).map((delivery) => delivery.status).sort()).toEqual(['abandoned', 'abandoned', 'failed']);

    // disabled: nothing more is queued
    await t.http.post('/alerts', { title: 'Fourth', source: 'test', category: 'misc' }, org.admin.headers);
    expect(await deliveriesOf(org)).toHaveLength(3);
  });

  it('refuses, at delivery, a destination that is not allowed (nothing reaches it)', async () => {
    const org = await createTestOrg(t.deps);
    const hook = await receiver(
      () => 'unused-secret-0123456789',
      () => 200,
    );
    // stored past the API's check, as a row written before a tightened allowlist would be
    const id = crypto.randomUUID();
    const { sealSecret } = await import('../../core/secret-box.ts');
    await insertWebhookSubscription(t.deps.db, org.orgId, {
      id,
      url: hook.url.replace('127.0.0.1', '127.0.0.2'),
      event_types: ['alert.created'],
      secret_encrypted: sealSecret(t.deps.secrets.encryptionKey, 'unused-secret-0123456789', `vigil:webhook-secret:${id}`),
    });
    await t.http.post('/alerts', { title: 'Guarded', source: 'test', category: 'misc' }, org.admin.headers);
    await drainWebhookJobs(t.deps, 1);
    expect(hook.received).toHaveLength(0);
    const [delivery] = await deliveriesOf(org);
    expect(delivery?.last_error).toMatch(/^blocked_address: 127\.0\.0\.2 is a loopback address/);
  });
});

describe('webhook events', () => {
  it('are queued in the transaction of the change: a failed change queues nothing', async () => {
    const org = await createTestOrg(t.deps);
    await subscribe(org, { url: 'https://hooks.example.com/x', event_types: ['incident.created'] });
    const refused = await t.http.post('/incidents', { title: 'x', assigned_to: 987654 }, org.admin.headers);
    expect(refused.status).toBe(400);
    expect(await deliveriesOf(org)).toHaveLength(0);
  });

  it('follow incidents and alerts: created by detection, updated and escalated by analysts', async () => {
    const org = await createTestOrg(t.deps);
    await subscribe(org, {
      url: 'https://hooks.example.com/all',
      event_types: ['incident.created', 'incident.updated', 'incident.escalated', 'alert.created'],
    });
    await subscribe(org, { url: 'https://hooks.example.com/alerts', event_types: ['alert.created'] });
    const { brute } = await seedIncidents(t, org);
    const afterDetection = await deliveriesOf(org);
    const count = (type: string) => afterDetection.filter((delivery) => delivery.event_type === type).length;
    expect(count('incident.created')).toBe(2);
    const alerts = await t.deps.db.selectFrom('alerts').select('id').where('org_id', '=', org.orgId).execute();
    expect(count('alert.created')).toBe(alerts.length * 2);
    const created = afterDetection.find(
      (delivery) => delivery.event_type === 'incident.created' && (delivery.payload as { data: { incident_id: number } }).data.incident_id === brute,
    );
    expect(created?.payload).toMatchObject({
      event_type: 'incident.created',
      data: { incident_id: brute, threat_category: 'brute_force', origin: 'detection' },
    });

    const incident = await t.http.post('/incidents', { title: 'By hand', severity: 'low' }, org.admin.headers);
    const raised = await t.http.patch(`/incidents/${incident.body.id}`, { severity: 'critical' }, org.admin.headers);
    expect(raised.status).toBe(200);
    const latest = (await deliveriesOf(org)).filter(
      (delivery) => (delivery.payload as { data: { incident_id?: number } }).data.incident_id === incident.body.id,
    );
    expect(latest.map((delivery) => delivery.event_type).sort()).toEqual(['incident.created', 'incident.escalated', 'incident.updated']);
    expect(latest.find((delivery) => delivery.event_type === 'incident.escalated')?.payload).toMatchObject({
      data: { old_severity: 'low', new_severity: 'critical', reason: 'analyst' },
    });
    expect(latest.find((delivery) => delivery.event_type === 'incident.updated')?.payload).toMatchObject({ data: { changed_fields: ['severity'] } });
  });
});

describe('POST /api/webhooks/test', () => {
  it('delivers to a subscription with its secret (200), and answers 424 with the reason when the receiver fails', async () => {
    const org = await createTestOrg(t.deps);
    let secret = '';
    const hook = await receiver(
      () => secret,
      (index) => (index === 0 ? 200 : 500),
    );
    const created = await subscribe(org, { url: hook.url, event_types: ['alert.created'] });
    secret = created.secret;
    const ok = await t.http.post('/api/webhooks/test', { webhook_id: created.id }, org.admin.headers);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ success: true, result: { status_code: 200, event_type: 'test.ping', webhook_id: created.id } });
    expect(JSON.parse(hook.received[0]?.body.toString() ?? '{}')).toMatchObject({ event_type: 'test.ping', data: { test: true } });

    const failed = await t.http.post(
      '/api/webhooks/test',
      { webhook_id: created.id, event_type: 'incident.created', test_payload: { incident_id: 1 } },
      org.admin.headers,
    );
    expect(failed.status).toBe(424);
    expect(failed.body).toMatchObject({ success: false, detail: 'Webhook test failed: http_status: the receiver answered 500', result: { status_code: 500 } });
    expect(await deliveriesOf(org)).toHaveLength(0);
  });

  it('signs a bare URL with the given secret', async () => {
    const org = await createTestOrg(t.deps);
    const hook = await receiver(() => 'bare-url-secret-0123456789');
    const ok = await t.http.post('/api/webhooks/test', { url: hook.url, secret: 'bare-url-secret-0123456789' }, org.admin.headers);
    expect(ok.status).toBe(200);
    expect(hook.received[0]).toMatchObject({ standardSignatureValid: true, miniXdrSignatureValid: true });
  });

  it.each([
    ['the metadata address', 'http://169.254.169.254/latest/meta-data/iam/', /169\.254\.169\.254 is a metadata address/],
    ['the metadata address, IPv4-mapped', 'http://[::ffff:169.254.169.254]/', /metadata address/],
    ['a name resolving to 127.0.0.1', 'http://localhost:9/hook', /localhost names a local or metadata service/],
    ['a loopback address outside the allowlist', 'http://127.0.0.2:9/hook', /127\.0\.0\.2 is a loopback address/],
    ['a private address', 'http://192.168.1.10/hook', /private address/],
  ])('refuses %s with 424 (blocked_address) before connecting', async (_name, url, reason) => {
    const org = await createTestOrg(t.deps);
    const refused = await t.http.post('/api/webhooks/test', { url }, org.admin.headers);
    expect(refused.status).toBe(424);
    expect(refused.body.result.error).toMatch(/^blocked_address: /);
    expect(refused.body.detail).toMatch(reason);
  });

  it('needs a url or a webhook_id', async () => {
    const org = await createTestOrg(t.deps);
    const refused = await t.http.post('/api/webhooks/test', {}, org.admin.headers);
    expect(refused.status).toBe(400);
    expect(refused.body.issues[0].path).toBe('url');
  });
});

describe('the delivery log', () => {
  it('keeps finished deliveries for 30 days, and pending ones until they finish', async () => {
    const org = await createTestOrg(t.deps);
    await subscribe(org, { url: 'https://hooks.example.com/x', event_types: ['alert.created'] });
    for (const title of ['old-finished', 'old-pending', 'recent-finished'])
      await t.http.post('/alerts', { title, source: 'test', category: 'misc' }, org.admin.headers);
    const [oldFinished, oldPending, recentFinished] = await deliveriesOf(org);
    await sql`update webhook_deliveries set created_at = now() - interval '40 days', status = 'delivered' where id = ${oldFinished?.id}`.execute(t.deps.db);
    await sql`update webhook_deliveries set created_at = now() - interval '40 days' where id = ${oldPending?.id}`.execute(t.deps.db);
    await sql`update webhook_deliveries set status = 'failed' where id = ${recentFinished?.id}`.execute(t.deps.db);
    expect((await pruneWebhookDeliveries(t.deps.db)).webhookDeliveries).toBeGreaterThanOrEqual(1);
    expect((await deliveriesOf(org)).map((delivery) => delivery.id).sort()).toEqual([oldPending?.id, recentFinished?.id].sort());
  });
});
