import { beforeAll, describe, expect, it } from 'vitest';
import { insertLooseAlert, seedIncidents } from '../../tests/fixtures/cases.ts';
import { eveAlert, sensor } from '../../tests/fixtures/events.ts';
import type { TestOrg } from '../../tests/fixtures/identity.ts';
import { useTestServer } from '../../tests/harness.ts';
import { createTwoOrgs, expectHidden } from '../../tests/tenancy.ts';

const t = useTestServer();
let a: TestOrg;
let b: TestOrg;
let seeded: { brute: number; scan: number; alertId: number };
let looseAlert: number;
let networkEventId: number;

beforeAll(async () => {
  ({ a, b } = await createTwoOrgs(t.deps));
  seeded = await seedIncidents(t, a);
  looseAlert = await insertLooseAlert(t, a);
  await t.http.post('/ingest/network/bulk', { sensor: sensor('edge-a'), events: [eveAlert()] }, a.admin.headers);
  networkEventId = (await t.http.get('/network/events', a.admin.headers)).body[0].id;
});

async function unchanged() {
  const row = await t.deps.db.selectFrom('incidents').selectAll().where('id', '=', seeded.brute).executeTakeFirstOrThrow();
  expect(row).toMatchObject({ status: 'open', assigned_to: null, org_id: a.orgId });
  const entries = await t.deps.db.selectFrom('incident_timeline').select('kind').where('incident_id', '=', seeded.brute).execute();
  expect(entries.map((entry) => entry.kind)).toEqual(['created', 'alert_added']);
}

describe('incidents.list', () => {
  it("never lists another organisation's incidents", async () => {
    const listed = await t.http.get('/incidents?src_ip=203.0.113.10', b.admin.headers);
    expect(listed.body).toEqual([]);
    expect(listed.headers.get('x-total-count')).toBe('0');
    expect((await t.http.get('/incidents', a.admin.headers)).body).toHaveLength(2);
  });
});

describe('incidents.listReal', () => {
  it("never lists another organisation's incidents", async () => {
    const listed = await t.http.get('/incidents/real?include_test=true', b.admin.headers);
    expect(listed.body).toEqual([]);
  });
});

describe('incidents.create', () => {
  it("creates in the caller's organisation and refuses A's alert, event and user as references", async () => {
    const withAlert = await t.http.post('/incidents', { title: 'B', items: [{ kind: 'alert', ref_id: String(seeded.alertId) }] }, b.admin.headers);
    expect(withAlert.status).toBe(404);
    const withEvent = await t.http.post('/incidents', { title: 'B', items: [{ kind: 'network_event', ref_id: String(networkEventId) }] }, b.admin.headers);
    expect(withEvent.status).toBe(404);
    const withUser = await t.http.post('/incidents', { title: 'B', assigned_to: a.admin.id }, b.admin.headers);
    expect(withUser.status).toBe(400);
    const created = await t.http.post('/incidents', { title: 'Only B' }, b.admin.headers);
    expect(created.body.tenant_id).toBe(b.slug);
    expect((await t.http.get('/incidents', a.admin.headers)).body.map((row: { title: string }) => row.title)).not.toContain('Only B');
  });
});

describe('incidents.createFromAlert', () => {
  it("answers 404 for another organisation's alert, filed or not, and creates nothing", async () => {
    for (const alertId of [seeded.alertId, looseAlert]) {
      const response = await t.http.post(`/incidents/from-alert/${alertId}`, {}, b.admin.headers);
      expect(response.status).toBe(404);
      expect(response.body.detail).toBe(`Alert ${alertId} not found`);
    }
    const row = await t.deps.db.selectFrom('alerts').select('incident_id').where('id', '=', looseAlert).executeTakeFirstOrThrow();
    expect(row.incident_id).toBeNull();
  });
});

describe('incidents.createFromNetworkEvent', () => {
  it("answers 404 for another organisation's network event", async () => {
    const response = await t.http.post(`/incidents/from-network-event/${networkEventId}`, {}, b.admin.headers);
    expect(response.status).toBe(404);
    expect(response.body.detail).toBe(`Network event ${networkEventId} not found`);
  });
});

describe('incidents.trends', () => {
  it("never counts another organisation's incidents", async () => {
    const ofB = (await t.http.get('/api/incidents/timeline', b.admin.headers)).body;
    expect(ofB.by_category.brute_force).toBeUndefined();
    expect(ofB.by_category.reconnaissance).toBeUndefined();
    expect((await t.http.get('/api/incidents/timeline', a.admin.headers)).body.total).toBe(2);
  });
});

describe('incidents.attackPaths', () => {
  it("never graphs another organisation's events", async () => {
    expect((await t.http.get('/api/incidents/attack-paths', b.admin.headers)).body).toMatchObject({ nodes: [], edges: [] });
    expect((await t.http.get('/api/incidents/attack-paths', a.admin.headers)).body.nodes.length).toBeGreaterThan(0);
  });
});

describe('incidents.get', () => {
  it("answers 404 for another organisation's incident", async () => {
    await expectHidden((id) => t.http.get(`/incidents/${id}`, b.admin.headers), seeded.brute);
  });
});

describe('incidents.update', () => {
  it("answers 404 for another organisation's incident and changes nothing", async () => {
    await expectHidden((id) => t.http.patch(`/incidents/${id}`, { status: 'resolved', assigned_to: b.admin.id }, b.admin.headers), seeded.brute);
    await unchanged();
  });
});

describe('incidents.addItem', () => {
  it("answers 404 for another organisation's incident, and for A's alert on B's incident", async () => {
    await expectHidden((id) => t.http.post(`/incidents/${id}/items`, { kind: 'note', ref_id: 'x' }, b.admin.headers), seeded.brute);
    const own = await t.http.post('/incidents', { title: 'B own' }, b.admin.headers);
    const crossRef = await t.http.post(`/incidents/${own.body.id}/items`, { kind: 'alert', ref_id: String(seeded.alertId) }, b.admin.headers);
    expect(crossRef.status).toBe(404);
    await unchanged();
  });
});

describe('incidents.addComment', () => {
  it("answers 404 for another organisation's incident and adds nothing", async () => {
    await expectHidden((id) => t.http.post(`/api/incidents/${id}/comments`, { body: 'hi' }, b.admin.headers), seeded.brute);
    await unchanged();
  });
});

describe('incidents.timeline', () => {
  it("answers 404 for another organisation's incident", async () => {
    await expectHidden((id) => t.http.get(`/api/incidents/${id}/timeline`, b.admin.headers), seeded.brute);
  });
});

describe('incidents.context', () => {
  it("answers 404 for another organisation's incident", async () => {
    await expectHidden((id) => t.http.get(`/api/incidents/${id}/context`, b.admin.headers), seeded.brute);
  });
});

describe('incidents.threatStatus', () => {
  it("answers 404 for another organisation's incident", async () => {
    await expectHidden((id) => t.http.get(`/api/incidents/${id}/threat-status`, b.admin.headers), seeded.brute);
  });
});
