import { describe, expect, it } from 'vitest';
import { insertLooseAlert, postMulti, seedIncidents, zeekScan } from '../../tests/fixtures/cases.ts';
import { eveAlert, sensor } from '../../tests/fixtures/events.ts';
import { createTestOrg } from '../../tests/fixtures/identity.ts';
import { useTestServer } from '../../tests/harness.ts';

const t = useTestServer();

describe('incident lifecycle (PATCH /incidents/{incident_id})', () => {
  it('enforces the transitions, keeps last_action apart, and journals and audits every change', async () => {
    const org = await createTestOrg(t.deps);
    const created = await t.http.post('/incidents', { title: 'Phishing wave', tags: ['email'] }, org.admin.headers);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'open',
      severity: 'medium',
      escalation_level: 'medium',
      risk_score: 0,
      tags: ['email'],
      created_by: org.admin.publicId,
    });
    const path = `/incidents/${created.body.id}`;
    const move = (status: string) => t.http.patch(path, { status }, org.admin.headers);
    expect((await move('investigating')).body.status).toBe('investigating');
    expect((await move('contained')).body.status).toBe('contained');
    const illegal = await move('open');
    expect(illegal.status).toBe(409);
    expect(illegal.body.detail).toContain('investigating, resolved, false_positive');
    expect((await move('resolved')).body).toMatchObject({ status: 'resolved', last_action: null });
    expect((await move('investigating')).status).toBe(409);
    expect((await move('open')).body.status).toBe('open');
    expect((await move('in_progress')).body.status).toBe('investigating');
    expect((await move('closed')).body.status).toBe('resolved');
    expect((await move('resolved')).status).toBe(200);
    const bad = await move('done');
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe('status');

    const analyst = await org.addUser('analyst');
    const assigned = await t.http.patch(path, { assigned_to: analyst.id, severity: 'high', title: 'Phishing wave 2' }, org.admin.headers);
    expect(assigned.body).toMatchObject({ assigned_to: analyst.publicId, severity: 'high', escalation_level: 'high', title: 'Phishing wave 2' });
    const stranger = await t.http.patch(path, { assigned_to: '00000000-0000-4000-8000-000000000000' }, org.admin.headers);
    expect(stranger.status).toBe(400);
    expect(stranger.body.issues[0].path).toBe('assigned_to');
    const viewer = await org.addUser('viewer');
    expect((await t.http.patch(path, { title: 'nope' }, viewer.headers)).status).toBe(403);

    const timeline = await t.http.get(`/api/incidents/${created.body.id}/timeline`, org.admin.headers);
    const kinds = timeline.body.entries.map((entry: { kind: string }) => entry.kind);
    expect(kinds).toEqual([
      'created',
      'status_changed',
      'status_changed',
      'status_changed',
      'reopened',
      'status_changed',
      'status_changed',
      'assigned',
      'updated',
    ]);
    expect(timeline.body.entries[4].detail).toEqual({ from: 'resolved', to: 'open' });
    expect(timeline.body.entries[7]).toMatchObject({ actor_type: 'user', actor_id: org.admin.id, detail: { from: null, to: analyst.publicId } });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('org_id', '=', org.orgId)
      .where('target_id', '=', String(created.body.id))
      .execute();
    expect(audit.filter((row) => row.action === 'incident.updated')).toHaveLength(7);
  });
});

describe('POST /incidents and items', () => {
  it('creates with validated items and assignee; attaching checks the reference and is idempotent', async () => {
    const org = await createTestOrg(t.deps);
    const alertId = await insertLooseAlert(t, org);
    const created = await t.http.post(
      '/incidents',
      { title: 'Manual', severity: 'critical', status: 'triage', assigned_to: org.admin.id, items: [{ kind: 'alert', ref_id: alertId }] },
      org.admin.headers,
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'investigating',
      severity: 'critical',
      assigned_to: org.admin.publicId,
      items: [{ kind: 'alert', ref_id: String(alertId) }],
    });
    const missing = await t.http.post('/incidents', { title: 'x', items: [{ kind: 'alert', ref_id: '99999999' }] }, org.admin.headers);
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toBe('Alert 99999999 not found');
    expect((await t.http.post('/incidents', { title: '' }, org.admin.headers)).status).toBe(400);
    expect((await t.http.post('/incidents', { title: 'x', severity: 'extreme' }, org.admin.headers)).status).toBe(400);

    await postMulti(t, org, 'zeek', zeekScan('192.0.2.80', 1));
    const event = await t.deps.db.selectFrom('events').select('id').where('org_id', '=', org.orgId).executeTakeFirstOrThrow();
    const itemsPath = `/incidents/${created.body.id}/items`;
    const attached = await t.http.post(itemsPath, { kind: 'event', ref_id: String(event.id) }, org.admin.headers);
    expect(attached.status).toBe(201);
    expect(attached.body).toMatchObject({ incident_id: created.body.id, kind: 'event', ref_id: String(event.id) });
    const again = await t.http.post(itemsPath, { kind: 'event', ref_id: event.id }, org.admin.headers);
    expect(again).toMatchObject({ status: 200, body: { id: attached.body.id } });
    expect((await t.http.post(itemsPath, { kind: 'network_event', ref_id: String(event.id) }, org.admin.headers)).status).toBe(404);
    expect((await t.http.post(itemsPath, { kind: 'event', ref_id: 'abc' }, org.admin.headers)).status).toBe(400);
    expect((await t.http.post(itemsPath, { kind: 'ip', ref_id: 'not-ip' }, org.admin.headers)).status).toBe(400);
    expect((await t.http.post(itemsPath, { kind: 'ip', ref_id: '192.0.2.80' }, org.admin.headers)).status).toBe(201);
    const detail = await t.http.get(`/incidents/${created.body.id}`, org.admin.headers);
    expect(detail.body.detailed_events.map((row: { id: number }) => row.id)).toEqual([Number(event.id)]);
    expect(detail.body.items).toHaveLength(3);
  });
});

describe('POST /incidents/from-alert/{alert_id}', () => {
  it("returns detection's incident for a filed alert, and makes exactly one incident for a loose one", async () => {
    const org = await createTestOrg(t.deps);
    const seeded = await seedIncidents(t, org);
    const filed = await t.http.post(`/incidents/from-alert/${seeded.alertId}`, {}, org.admin.headers);
    expect(filed).toMatchObject({ status: 200, body: { id: seeded.brute } });

    const alertId = await insertLooseAlert(t, org);
    const [one, two] = await Promise.all([
      t.http.post(`/incidents/from-alert/${alertId}`, {}, org.admin.headers),
      t.http.post(`/incidents/from-alert/${alertId}`, {}, org.admin.headers),
    ]);
    expect([one.status, two.status].sort()).toEqual([200, 201]);
    expect(one.body.id).toBe(two.body.id);
    expect(one.body).toMatchObject({
      title: `Alert ${alertId}: Suspicious logins from 198.51.100.7`,
      severity: 'high',
      tags: ['alert'],
      src_ip: '198.51.100.7',
    });
    expect(one.body.risk_score).toBeGreaterThan(0);
    expect(one.body.items).toEqual([expect.objectContaining({ kind: 'alert', ref_id: String(alertId) })]);
    const third = await t.http.post(`/incidents/from-alert/${alertId}`, {}, org.admin.headers);
    expect(third).toMatchObject({ status: 200, body: { id: one.body.id } });
    const row = await t.deps.db.selectFrom('alerts').select('incident_id').where('id', '=', alertId).executeTakeFirstOrThrow();
    expect(Number(row.incident_id)).toBe(one.body.id);
    expect((await t.http.post('/incidents/from-alert/99999999', {}, org.admin.headers)).status).toBe(404);
    expect((await t.http.post('/incidents/from-alert/abc', {}, org.admin.headers)).status).toBe(400);
  });
});

describe('POST /incidents/from-network-event/{event_id}', () => {
  it('derives severity from the event and is idempotent per event', async () => {
    const org = await createTestOrg(t.deps);
    const ingested = await t.http.post('/ingest/network/bulk', { sensor: sensor('edge-1'), events: [eveAlert()] }, org.admin.headers);
    expect(ingested.body.stored).toBe(1);
    const [event] = (await t.http.get('/network/events', org.admin.headers)).body;
    const first = await t.http.post(`/incidents/from-network-event/${event.id}`, {}, org.admin.headers);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      title: `Network event ${event.id} (suricata/alert)`,
      description: 'GPL ATTACK_RESPONSE id check returned root',
      severity: 'high',
      src_ip: '203.0.113.5',
      tags: ['network'],
      items: [expect.objectContaining({ kind: 'network_event', ref_id: String(event.id) })],
    });
    const second = await t.http.post(`/incidents/from-network-event/${event.id}`, {}, org.admin.headers);
    expect(second).toMatchObject({ status: 200, body: { id: first.body.id } });
    await postMulti(t, org, 'zeek', zeekScan('192.0.2.81', 1));
    const notNetwork = await t.deps.db
      .selectFrom('events')
      .select('id')
      .where('org_id', '=', org.orgId)
      .where('channel', '=', 'multi')
      .executeTakeFirstOrThrow();
    expect((await t.http.post(`/incidents/from-network-event/${notNetwork.id}`, {}, org.admin.headers)).status).toBe(404);
    const detail = await t.http.get(`/incidents/${first.body.id}`, org.admin.headers);
    expect(detail.body.detailed_events).toHaveLength(1);
  });
});

describe('comments and timeline', () => {
  it('adds comments to the timeline and filters it by kind', async () => {
    const org = await createTestOrg(t.deps);
    const { brute } = await seedIncidents(t, org);
    const comment = await t.http.post(`/api/incidents/${brute}/comments`, { body: 'Looks like Mirai' }, org.admin.headers);
    expect(comment.status).toBe(201);
    expect(comment.body).toMatchObject({ kind: 'comment', actor_type: 'user', actor_id: org.admin.id, detail: { body: 'Looks like Mirai' } });
    expect((await t.http.post(`/api/incidents/${brute}/comments`, { body: '  ' }, org.admin.headers)).status).toBe(400);
    await t.http.patch(`/incidents/${brute}`, { assigned_to: org.admin.id }, org.admin.headers);
    const all = await t.http.get(`/api/incidents/${brute}/timeline`, org.admin.headers);
    expect(all.body.entries.map((entry: { kind: string }) => entry.kind)).toEqual(['created', 'alert_added', 'comment', 'assigned']);
    const comments = await t.http.get(`/api/incidents/${brute}/timeline?kinds=comment`, org.admin.headers);
    expect(comments.body).toMatchObject({ total: 1, entries: [{ id: comment.body.id }] });
    expect((await t.http.get(`/api/incidents/${brute}/timeline?kinds=DROP`, org.admin.headers)).status).toBe(400);
  });
});
