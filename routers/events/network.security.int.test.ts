import { describe, expect, it } from 'vitest';
import { ingestRecords } from '../../services/ingest/index.ts';
import { COWRIE_SESSION, eveAlert, eveDns, minutesAgo, zeekConn } from '../../tests/fixtures/events.ts';
import { orgServiceContext, type TestOrg } from '../../tests/fixtures/identity.ts';
import { useTestServer } from '../../tests/harness.ts';
import { createTwoOrgs } from '../../tests/tenancy.ts';

const t = useTestServer();
const EVENTS = [eveAlert(), eveDns(), zeekConn(), { event_type: 'alert' }];
const AT = minutesAgo(15);
const WIDE = `start_time=${encodeURIComponent(new Date(0).toISOString())}&end_time=${encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())}`;

async function seedNetwork(org: TestOrg) {
  return t.http.post('/ingest/network/bulk', { sensor: { name: 'shared-name', kind: 'suricata', location: 'a-site' }, events: EVENTS }, org.admin.headers);
}

describe('network.ingestBulk', () => {
  it("registers its own sensor under a name another organisation uses, and never touches or dedups against A's data", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const inA = await seedNetwork(a);
    const inB = await t.http.post(
      '/ingest/network/bulk',
      { sensor: { name: 'shared-name', kind: 'zeek', location: 'b-site' }, events: EVENTS },
      b.admin.headers,
    );
    expect(inB.body).toMatchObject({ accepted: 3, stored: 3, deduplicated: 0, rejected: 1 });
    expect(inB.body.created_sensor_id).not.toBeNull();
    expect(inB.body.sensor_id).not.toBe(inA.body.sensor_id);
    const sensorsOfA = await t.http.get('/network/sensors', a.admin.headers);
    expect(sensorsOfA.body).toEqual([expect.objectContaining({ id: inA.body.sensor_id, kind: 'suricata', location: 'a-site', error_count: 1 })]);
  });
});

describe('network.listEvents', () => {
  it("never returns another organisation's events, whatever the filters", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await seedNetwork(a);
    expect((await t.http.get('/network/events', a.admin.headers)).body).toHaveLength(3);
    const month = `start_time=${encodeURIComponent(new Date(Date.now() - 30 * 86_400_000).toISOString())}`;
    expect((await t.http.get(`/network/events?${month}&src_ip=203.0.113.5`, b.admin.headers)).body).toEqual([]);
    expect((await t.http.get('/network/events?source=zeek', b.admin.headers)).body).toEqual([]);
  });
});

describe('network.listSensors', () => {
  it("never lists another organisation's sensors", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await seedNetwork(a);
    expect((await t.http.get('/network/sensors', b.admin.headers)).body).toEqual([]);
  });
});

describe('network.stats', () => {
  it("counts nothing of another organisation's events", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await seedNetwork(a);
    expect((await t.http.get('/network/stats', a.admin.headers)).body.total_events).toBe(3);
    expect((await t.http.get('/network/stats', b.admin.headers)).body).toEqual({
      total_events: 0,
      events_last_24h: 0,
      top_signatures: [],
      top_destinations: [],
      top_severities: [],
    });
  });
});

const edrEvent = {
  timestamp: AT,
  hostname: 'a-host',
  username: 'a-user',
  event_type: 'edr.process_start',
  process_name: 'a.exe',
  severity: 'high',
  details: { event_id: 'same-id' },
};
const siemEvent = {
  timestamp: AT,
  host: 'a-host',
  source: 'a-src',
  category: 'auth',
  severity: 'low',
  message: 'a secret message',
  raw: { event_id: 'same-id', event_type: 'auth' },
};

type View = { path: string; event: Record<string, unknown> };
const EDR: View = { path: '/edr/events', event: edrEvent };
const SIEM: View = { path: '/siem/events', event: siemEvent };

async function storesPerOrganisation({ path, event }: View) {
  const { a, b } = await createTwoOrgs(t.deps);
  // a single event is answered with the stored event: 201 when this call stored it, 200 for a replay
  const inA = await t.http.post(path, event, a.admin.headers);
  const inB = await t.http.post(path, event, b.admin.headers);
  expect([inA.status, inB.status]).toEqual([201, 201]);
  expect(inB.body.id).not.toBe(inA.body.id);
  expect((await t.http.get(path, a.admin.headers)).body).toHaveLength(1);
}

async function listsOwnOnly({ path, event }: View) {
  const { a, b } = await createTwoOrgs(t.deps);
  await t.http.post(path, event, a.admin.headers);
  expect((await t.http.get(`${path}?q=a-&time_range=1d`, b.admin.headers)).body).toEqual([]);
}

async function deletesOwnOnly({ path, event }: View) {
  const { a, b } = await createTwoOrgs(t.deps);
  await t.http.post(path, event, a.admin.headers);
  const [row] = (await t.http.get<{ id: number }[]>(path, a.admin.headers)).body;
  expect((await t.http.delete(`${path}?ids=${row?.id}`, b.admin.headers)).body).toEqual({ deleted: 0 });
  expect((await t.http.delete(`${path}?${WIDE}`, b.admin.headers)).body).toEqual({ deleted: 0 });
  expect((await t.http.get(path, a.admin.headers)).body).toHaveLength(1);
}

describe('network.createEdrEvents', () => {
  it('stores the same event id separately per organisation', () => storesPerOrganisation(EDR));
});
describe('network.listEdrEvents', () => {
  it("never lists another organisation's events", () => listsOwnOnly(EDR));
});
describe('network.deleteEdrEvents', () => {
  it("deletes nothing of another organisation's, by ids or by range", () => deletesOwnOnly(EDR));
});
describe('network.createSiemEvents', () => {
  it('stores the same event id separately per organisation', () => storesPerOrganisation(SIEM));
});
describe('network.listSiemEvents', () => {
  it("never lists another organisation's events", () => listsOwnOnly(SIEM));
});
describe('network.deleteSiemEvents', () => {
  it("deletes nothing of another organisation's, by ids or by range", () => deletesOwnOnly(SIEM));
});

describe('network.ingestThreatmap', () => {
  it('keeps the same item id apart per organisation', async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const item = { id: 'tm-shared', ts: AT, attack_type: 'DDoS', severity: 9, tags: [], confidence: 0.5, source: 'ingest' };
    expect((await t.http.post('/threatmap/ingest', item, a.admin.headers)).body).toMatchObject({ stored: 1 });
    expect((await t.http.post('/threatmap/ingest', item, b.admin.headers)).body).toMatchObject({ stored: 1, deduplicated: 0 });
    const inA = await t.deps.db.selectFrom('events').select('id').where('org_id', '=', a.orgId).where('channel', '=', 'threatmap').execute();
    expect(inA).toHaveLength(1);
  });
});

describe('network.honeypotAttackerStats', () => {
  it("aggregates nothing of another organisation's honeypot events", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await ingestRecords(orgServiceContext(t.deps, a), { channel: 'cowrie', source: 'cowrie', records: COWRIE_SESSION });
    expect((await t.http.get('/honeypot/attacker-stats', a.admin.headers)).body.total_events).toBe(9);
    const stats = await t.http.get('/honeypot/attacker-stats?hours=720', b.admin.headers);
    expect(stats.body).toMatchObject({ total_attackers: 0, total_events: 0, attacker_details: {}, top_attackers: [], top_passwords: [] });
  });
});
