import { describe, expect, it } from 'vitest';
import { createTestOrg } from '../../tests/fixtures/identity.ts';
import { cowrieLogin, postSigned, registerDevice } from '../../tests/fixtures/ingest.ts';
import { createTestDeps, startTestServer, type TestServerHandle, useTestServer } from '../../tests/harness.ts';
import { httpClient } from '../../tests/http-client.ts';

const t = useTestServer();

const eventsOf = (orgId: string) => t.deps.db.selectFrom('events').selectAll().where('org_id', '=', orgId).orderBy('occurred_at').execute();

describe('POST /ingest/cowrie', () => {
  it('stores a signed batch in the device organisation and deduplicates its replay', async () => {
    const org = await createTestOrg(t.deps);
    const device = await registerDevice(t, org, { name: 'cowrie-relay' });
    const batch = [cowrieLogin(), cowrieLogin({ timestamp: '2026-11-24T08:00:01.000000Z', password: '<script>x</script>' })];
    const first = await postSigned(t, device, '/ingest/cowrie', JSON.stringify(batch));
    expect(first).toMatchObject({ status: 200, body: { received: 2, stored: 2, deduplicated: 0, rejected: [] } });
    expect(first.body).not.toHaveProperty('detected');

    const replay = await postSigned(t, device, '/ingest/cowrie', JSON.stringify(batch));
    expect(replay.body).toMatchObject({ received: 2, stored: 0, deduplicated: 2 });

    const rows = await eventsOf(org.orgId);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      channel: 'cowrie',
      action: 'cowrie.login.failed',
      device_id: device.id,
      sensor_id: 'cowrie-relay',
      host_name: 'cowrie-eu-1',
    });
    expect(rows[1]?.raw).toMatchObject({ password: '<script>x</script>' });
  });

  it('takes a single object, and rejects a malformed record alone', async () => {
    const org = await createTestOrg(t.deps);
    const device = await registerDevice(t, org);
    const single = await postSigned(t, device, '/ingest/cowrie', JSON.stringify(cowrieLogin({ session: 'single' })));
    expect(single.body).toMatchObject({ received: 1, stored: 1 });
    const mixed = [
      cowrieLogin({ session: 'm1' }),
      { src_ip: '203.0.113.9' },
      cowrieLogin({ session: 'm2', timestamp: 'yesterday' }),
      cowrieLogin({ session: 'm3' }),
    ];
    const response = await postSigned(t, device, '/ingest/cowrie', JSON.stringify(mixed));
    expect(response.body).toMatchObject({ received: 4, stored: 2, deduplicated: 0 });
    expect(response.body.rejected).toEqual([
      { index: 1, reason: 'missing_field', field: 'eventid' },
      { index: 2, reason: 'invalid_timestamp', field: 'timestamp' },
    ]);
  });

  it('accepts gzip-compressed NDJSON, signed over the inflated bytes', async () => {
    const org = await createTestOrg(t.deps);
    const device = await registerDevice(t, org);
    const ndjson = `${JSON.stringify(cowrieLogin({ session: 'gz1' }))}\n{not json\n${JSON.stringify(cowrieLogin({ session: 'gz2' }))}\n`;
    const response = await postSigned(t, device, '/ingest/cowrie', ndjson, { contentType: 'application/x-ndjson', gzip: true });
    expect(response.body).toMatchObject({ received: 3, stored: 2, rejected: [{ index: 1, reason: 'not_an_object', field: null }] });
  });

  it('answers 400 with the field for a bad or empty body from a valid device', async () => {
    const org = await createTestOrg(t.deps);
    const device = await registerDevice(t, org);
    const bad = await postSigned(t, device, '/ingest/cowrie', JSON.stringify({ events: 'nope' }));
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe('events');
    const empty = await postSigned(t, device, '/ingest/cowrie', '[]');
    expect(empty.status).toBe(400);
  });
});

describe('device authentication on /ingest/cowrie: every failure is a 401 with its reason', () => {
  const body = JSON.stringify([cowrieLogin({ session: 'auth' })]);

  it('rejects missing headers, a malformed or stale timestamp, a reused nonce and a wrong signature', async () => {
    const org = await createTestOrg(t.deps);
    const device = await registerDevice(t, org);
    const unsigned = await t.http.post('/ingest/cowrie', [cowrieLogin()]);
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.detail).toBe(
      'Missing authentication headers: sign the request with X-Device-ID, X-TS, X-Nonce and X-Signature, or send an x-api-key or a bearer token',
    );
    const partial = await t.http.post('/ingest/cowrie', [cowrieLogin()], { 'x-device-id': device.device_id, 'x-ts': '1' });
    expect(partial.body.detail).toBe('Missing authentication headers: X-Nonce, X-Signature');

    const now = Math.floor(Date.now() / 1000);
    const cases: [Parameters<typeof postSigned>[4], RegExp][] = [
      [{ ts: '1700000000.5' }, /^X-TS must be the request time in integer Unix seconds/],
      [{ ts: now - 301 }, /^Stale timestamp: X-TS is 30\d s behind server time/],
      [{ ts: now + 400 }, /^Stale timestamp: X-TS is \d+ s ahead of server time/],
      [{ secret: 'vgd_not-the-secret' }, /^Bad signature: X-Signature does not match/],
      [{ nonce: 'short' }, /^X-Nonce must be 8 to 128/],
    ];
    for (const [options, detail] of cases) {
      const response = await postSigned(t, device, '/ingest/cowrie', body, options);
      expect(response.status, JSON.stringify(options)).toBe(401);
      expect(response.body.detail).toMatch(detail);
    }
    const tampered = await postSigned(t, device, '/ingest/cowrie', body, { headers: { 'x-signature': 'ab'.repeat(32) } });
    expect(tampered.body.detail).toMatch(/^Bad signature/);

    const accepted = await postSigned(t, device, '/ingest/cowrie', body, { ts: now - 290 });
    expect(accepted.status).toBe(200);
    const reused = await postSigned(t, device, '/ingest/cowrie', body, { nonce: accepted.nonce });
    expect(reused.status).toBe(401);
    expect(reused.body.detail).toBe('Reused nonce: this X-Nonce was already used by this device');
  });

  it('rejects an unknown, a revoked and an expired-by-rotation secret', async () => {
    const org = await createTestOrg(t.deps);
    const device = await registerDevice(t, org, { device_id: 'hp-rotate-1' });
    const unknown = await postSigned(t, { ...device, device_id: 'no-such-device' }, '/ingest/cowrie', body);
    expect(unknown).toMatchObject({ status: 401, body: { detail: 'Unknown device: no device is registered with this X-Device-ID', code: 'UNAUTHENTICATED' } });

    const rotated = await t.http.post(`/api/devices/${device.device_id}/rotate`, {}, org.admin.headers);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(device.secret);
    expect((await postSigned(t, device, '/ingest/cowrie', body)).body.detail).toMatch(/^Bad signature/);
    expect((await postSigned(t, { ...device, secret: rotated.body.secret }, '/ingest/cowrie', body)).status).toBe(200);

    expect((await t.http.delete(`/api/devices/${device.device_id}`, org.admin.headers)).body.status).toBe('revoked');
    const revoked = await postSigned(t, { ...device, secret: rotated.body.secret }, '/ingest/cowrie', body);
    expect(revoked).toMatchObject({ status: 401, body: { detail: 'Device revoked: this device credential no longer authenticates' } });
    expect((await t.http.post(`/api/devices/${device.device_id}/rotate`, {}, org.admin.headers)).status).toBe(409);
  });

  it('rejects a device whose secret has expired', async () => {
    const org = await createTestOrg(t.deps);
    const device = await registerDevice(t, org, { ttl_days: 1 });
    await t.deps.db
      .updateTable('devices')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', device.id)
      .execute();
    expect((await postSigned(t, device, '/ingest/cowrie', body)).body.detail).toBe('Device expired: rotate its secret to issue a new one');
  });
});

describe('device credentials', () => {
  it('are admin-only, listed without secrets, stored encrypted and audited', async () => {
    const org = await createTestOrg(t.deps);
    const analyst = await org.addUser('analyst');
    expect((await t.http.post('/api/devices', { name: 'x' }, analyst.headers)).status).toBe(403);
    const device = await registerDevice(t, org, { name: 'dmz-cowrie', device_id: 'dmz-cowrie-01', ttl_days: null });
    expect(device).toMatchObject({ device_id: 'dmz-cowrie-01', name: 'dmz-cowrie', status: 'active', expires_at: null });
    expect((await t.http.post('/api/devices', { name: 'dup', device_id: 'dmz-cowrie-01' }, org.admin.headers)).status).toBe(409);
    expect((await t.http.post('/api/devices', { name: 'bad', device_id: 'a b' }, org.admin.headers)).body.issues[0].path).toBe('device_id');

    const listed = await t.http.get('/api/devices', org.admin.headers);
    expect(listed.body).toHaveLength(1);
    expect(listed.body[0]).not.toHaveProperty('secret');
    const row = await t.deps.db.selectFrom('devices').select('secret_encrypted').where('id', '=', device.id).executeTakeFirstOrThrow();
    expect(row.secret_encrypted.includes(Buffer.from(device.secret))).toBe(false);

    await t.http.post('/api/devices/dmz-cowrie-01/rotate', {}, org.admin.headers);
    await t.http.delete('/api/devices/dmz-cowrie-01', org.admin.headers);
    const audit = await t.http.get('/api/audit?limit=50', org.admin.headers);
    expect(audit.body.items.map((item: { action: string }) => item.action)).toEqual(
      expect.arrayContaining(['device.created', 'device.rotated', 'device.revoked']),
    );
    expect(JSON.stringify(audit.body)).not.toContain(device.secret);
  });
});

describe('per-device rate limit', () => {
  it('answers 429 beyond the budget of one device, not of another', async () => {
    const deps = await createTestDeps({ INGEST_LIMIT_PER_MINUTE: '2' });
    const server = await startTestServer(deps);
    const limited = { deps, server, http: httpClient(server.baseUrl) } as TestServerHandle;
    try {
      const org = await createTestOrg(deps);
      const [one, two] = [await registerDevice(limited, org), await registerDevice(limited, org)];
      const body = JSON.stringify(cowrieLogin({ session: 'rl' }));
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await postSigned(limited, one, '/ingest/cowrie', body)).status);
      expect(statuses).toEqual([200, 200, 429]);
      expect((await postSigned(limited, two, '/ingest/cowrie', body)).status).toBe(200);
    } finally {
      await server.close();
      await deps.close();
    }
  });
});
