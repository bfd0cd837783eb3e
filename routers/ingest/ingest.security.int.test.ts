import { describe, expect, it } from 'vitest';
import type { TestOrg } from '../../tests/fixtures/identity.ts';
import { bruteForceBurst, cowrieLogin, getSigned, postSigned, registerDevice } from '../../tests/fixtures/ingest.ts';
import { useTestServer } from '../../tests/harness.ts';
import { createTwoOrgs } from '../../tests/tenancy.ts';

const t = useTestServer();

const eventCount = async (org: TestOrg) => {
  const row = await t.deps.db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('org_id', '=', org.orgId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
};
const signedBatch = (session: string) => JSON.stringify([cowrieLogin({ session })]);

describe('ingest.devices.create', () => {
  it('creates in the caller organisation; a device id taken by another organisation is refused, not shared', async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const taken = await registerDevice(t, a);
    const clash = await t.http.post('/api/devices', { name: 'b', device_id: taken.device_id }, b.admin.headers);
    expect(clash.status).toBe(409);
    expect(JSON.stringify(clash.body)).not.toMatch(new RegExp(`${a.orgId}|${a.slug}|${taken.name}`));
    const own = await registerDevice(t, b);
    const row = await t.deps.db.selectFrom('devices').select('org_id').where('id', '=', own.id).executeTakeFirstOrThrow();
    expect(row.org_id).toBe(b.orgId);
  });
});

describe('ingest.devices.list', () => {
  it("never lists another organisation's devices", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await registerDevice(t, a, { name: 'a-secret-honeypot' });
    const listed = await t.http.get<{ name: string }[]>('/api/devices', b.admin.headers);
    expect(listed.status).toBe(200);
    expect(listed.body.map((device) => device.name)).not.toContain('a-secret-honeypot');
  });
});

describe('ingest.devices.rotate', () => {
  it("answers 404 for another organisation's device, like a missing one, and the device keeps working", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const device = await registerDevice(t, a);
    const foreign = await t.http.post(`/api/devices/${device.device_id}/rotate`, {}, b.admin.headers);
    expect(foreign.status).toBe(404);
    const missing = await t.http.post('/api/devices/no-such-device/rotate', {}, b.admin.headers);
    expect(foreign.body.detail.replace(device.device_id, 'ID')).toBe(missing.body.detail.replace('no-such-device', 'ID'));
    expect(foreign.body).not.toHaveProperty('secret');
    expect((await postSigned(t, device, '/ingest/cowrie', signedBatch('rot'))).status).toBe(200);
  });
});

describe('ingest.devices.revoke', () => {
  it("answers 404 for another organisation's device and leaves it working", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const device = await registerDevice(t, a);
    expect((await t.http.delete(`/api/devices/${device.device_id}`, b.admin.headers)).status).toBe(404);
    expect((await postSigned(t, device, '/ingest/cowrie', signedBatch('rev'))).status).toBe(200);
    const row = await t.deps.db.selectFrom('devices').select('revoked_at').where('id', '=', device.id).executeTakeFirstOrThrow();
    expect(row.revoked_at).toBeNull();
  });
});

describe('ingest.cowrie', () => {
  it("a device of A always writes into A, whatever the records claim; B's own credentials write into B only", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const device = await registerDevice(t, a);
    const records = [cowrieLogin({ session: 'sec-1', organization_id: b.orgId, tenant_id: b.slug })];
    const response = await postSigned(t, device, '/ingest/cowrie', JSON.stringify(records), { headers: { 'x-api-key': 'vgl_whatever' } });
    expect(response.body.stored).toBe(1);
    expect(await eventCount(a)).toBe(1);
    expect(await eventCount(b)).toBe(0);
    const asB = await t.http.post('/ingest/cowrie', [cowrieLogin({ session: 'sec-2', organization_id: a.orgId })], b.admin.headers);
    expect(asB.body.stored).toBe(1);
    expect(await eventCount(a)).toBe(1);
    expect(await eventCount(b)).toBe(1);
  });

  it("wait_for_detection reports only the caller's incidents, though another organisation is attacked by the same address", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const keyOf = async (org: TestOrg) => (await t.http.post('/api/keys', { name: 'fluent-bit', role: 'analyst' }, org.admin.headers)).body.key as string;
    const burst = (session: string) => bruteForceBurst('203.0.113.77', session);
    const fromA = await t.http.post('/ingest/cowrie?wait_for_detection=true', burst('a'), { 'x-api-key': await keyOf(a) });
    const fromB = await t.http.post('/ingest/cowrie?wait_for_detection=true', burst('b'), { 'x-api-key': await keyOf(b) });
    expect(fromA.body).toMatchObject({ detection_complete: true, incidents_detected: 1 });
    expect(fromB.body).toMatchObject({ detection_complete: true, incidents_detected: 1 });
    const listed = async (org: TestOrg) => (await t.http.get<{ id: number }[]>('/incidents', org.admin.headers)).body.map((incident) => incident.id);
    expect(await listed(a)).toEqual(fromA.body.incident_ids);
    expect(await listed(b)).toEqual(fromB.body.incident_ids);
  });
});

describe('ingest.multi', () => {
  it("stores into the credential's organisation only: API key of A, device of B", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const key = (await t.http.post('/api/keys', { name: 'a-key', role: 'analyst' }, a.admin.headers)).body.key as string;
    const bDevice = await registerDevice(t, b);
    const body = { source_type: 'cowrie', hostname: 'h', events: [cowrieLogin({ session: 'multi-sec', organization_id: b.orgId })] };
    expect((await t.http.post('/ingest/multi', body, { 'x-api-key': key })).body.stored).toBe(1);
    expect(await eventCount(a)).toBe(1);
    expect(await eventCount(b)).toBe(0);
    expect((await postSigned(t, bDevice, '/ingest/multi', JSON.stringify({ ...body, events: [cowrieLogin({ session: 'multi-b' })] }))).body.stored).toBe(1);
    expect(await eventCount(a)).toBe(1);
    expect(await eventCount(b)).toBe(1);
  });

  it('never falls back to another credential when the device signature fails', async () => {
    const { a } = await createTwoOrgs(t.deps);
    const device = await registerDevice(t, a);
    const body = JSON.stringify({ source_type: 'cowrie', events: [cowrieLogin()] });
    const response = await postSigned(t, device, '/ingest/multi', body, { secret: 'vgd_wrong', headers: a.admin.headers });
    expect(response.status).toBe(401);
    expect(await eventCount(a)).toBe(0);
  });
});

describe('ingest.synthetic', () => {
  it("generates into the caller's organisation only", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const response = await t.http.post('/ingest/synthetic', { scenario: 'port_scan', count: 5, seed: 1 }, b.admin.headers);
    expect(response.body.stored).toBe(5);
    expect(await eventCount(b)).toBe(5);
    expect(await eventCount(a)).toBe(0);
  });
});

describe('device credentials on read routes', () => {
  it("a device of A reads A's log sources only", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const [deviceA, deviceB] = [await registerDevice(t, a, { name: 'hp-a' }), await registerDevice(t, b, { name: 'hp-b' })];
    const now = new Date().toISOString();
    await postSigned(t, deviceA, '/ingest/cowrie', JSON.stringify([cowrieLogin({ session: 'src-a', timestamp: now })]));
    await postSigned(
      t,
      deviceB,
      '/ingest/multi',
      JSON.stringify({ source_type: 'custom', hostname: 'ids-b', events: [{ timestamp: now, event_type: 'x', src_ip: '10.0.0.2' }] }),
    );
    const read = await getSigned(t, deviceA, '/api/sources');
    expect(read.status).toBe(200);
    expect(read.body.sources.map((source: { source_type: string }) => source.source_type)).toEqual(['cowrie']);
    expect((await getSigned(t, deviceB, '/api/sources')).body.sources.map((source: { source_type: string }) => source.source_type)).toEqual(['custom']);
  });
});
