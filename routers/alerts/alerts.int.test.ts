import { describe, expect, it } from 'vitest';
import { orgWithAgent } from '../../tests/fixtures/agents.ts';
import { detectorAlertId, ingestAndDetect, reportBody } from '../../tests/fixtures/alerts.ts';
import { itWithCorpus, readCorpus } from '../../tests/fixtures/corpus.ts';
import { createTestOrg } from '../../tests/fixtures/identity.ts';
import { useTestServer } from '../../tests/harness.ts';

const t = useTestServer();
const auditActions = async (headers: Record<string, string>) =>
  (await t.http.get<{ items: { action: string; target_id: string }[] }>('/api/audit?limit=500', headers)).body.items;

describe('the alert queue', () => {
  it('an analyst who is neither owner nor assignee sees a detector-made alert and escalates it to a lead', async () => {
    const org = await createTestOrg(t.deps);
    const [analyst, lead] = await Promise.all([org.addUser('analyst'), org.addUser('soc_lead')]);
    const alertId = await detectorAlertId(t.deps, org);

    const listed = await t.http.get<{ id: number }[]>('/alerts', analyst.headers);
    expect(listed.status).toBe(200);
    expect(listed.headers.get('x-total-count')).toBe('1');
    expect(listed.body[0]).toMatchObject({
      id: alertId,
      source: 'detector',
      detector: 'ssh_brute_force',
      category: 'brute_force',
      status: 'open',
      assigned_to: null,
      src_ip: '203.0.113.10',
      entity_type: 'src_ip',
      occurrences: 1,
      mitre: expect.arrayContaining(['T1110.001']),
      incident_id: expect.any(Number),
    });
    expect(listed.body[0]).not.toHaveProperty('owner_id');

    const detail = await t.http.get(`/alerts/${alertId}`, analyst.headers);
    expect(detail.body.events_linked).toBe(6);
    expect(detail.body.event_ids).toHaveLength(6);
    expect(detail.body.events[0]).toMatchObject({ source: 'cowrie', src_ip: '203.0.113.10', username: 'root' });
    expect(detail.body.evidence[0]).toMatchObject({ observed: 6, threshold: 6 });

    const escalated = await t.http.post(`/alerts/${alertId}/escalate`, { alert_id: 999, escalated_to: lead.id, reason: 'needs a lead' }, analyst.headers);
    expect(escalated.status).toBe(201);
    expect(escalated.body).toEqual({
      id: expect.any(Number),
      alert_id: alertId,
      escalated_to: lead.publicId,
      escalated_by: analyst.publicId,
      reason: 'needs a lead',
      created_at: expect.any(String),
    });
    const mine = await t.http.get<{ id: number; assigned_to: number }[]>('/alerts?assigned_to=me', lead.headers);
    expect(mine.body.map((alert) => [alert.id, alert.assigned_to])).toEqual([[alertId, lead.publicId]]);
    const after = await t.http.get(`/alerts/${alertId}`, lead.headers);
    expect(after.body.escalations).toHaveLength(1);
    expect(after.body.history.at(-1)).toMatchObject({ kind: 'escalated', actor_id: analyst.id, changes: { assigned_to: { from: null, to: lead.publicId } } });
    expect(await auditActions(org.admin.headers)).toContainEqual(expect.objectContaining({ action: 'alert.escalated', target_id: String(alertId) }));
  });

  it('filters, pages and bounds the queue', async () => {
    const org = await createTestOrg(t.deps);
    await detectorAlertId(t.deps, org, '203.0.113.21');
    await detectorAlertId(t.deps, org, '203.0.113.22');
    const reported = await t.http.post('/alerts', reportBody({ severity: 'low' }), org.admin.headers);
    const get = (query: string) => t.http.get(`/alerts?${query}`, org.admin.headers);
    expect((await get('')).body).toHaveLength(3);
    expect((await get('src_ip=203.0.113.22')).body).toHaveLength(1);
    expect((await get('severity=low')).body.map((alert: { id: number }) => alert.id)).toEqual([reported.body.id]);
    expect((await get('category=brute_force&limit=1')).body).toHaveLength(1);
    expect((await get('category=brute_force&limit=1')).headers.get('x-total-count')).toBe('2');
    expect((await get('category=brute_force&limit=1&offset=2')).body).toEqual([]);
    expect((await get('assigned_to=none')).body).toHaveLength(3);
    expect((await get('since=2026-11-23T12:00:00Z&until=2026-11-23T12:10:00Z')).body).toHaveLength(2);
    for (const bad of ['limit=501', 'offset=-1', 'status=draft', 'severity=extreme', 'src_ip=nope', 'incident_id=abc', 'assigned_to=bob']) {
      const response = await get(bad);
      expect(response.status, bad).toBe(400);
      expect(response.body.issues[0].path, bad).toBe(bad.split('=')[0]);
    }
    expect((await get('since=2026-11-24T00:00:00Z&until=2026-11-23T00:00:00Z')).status).toBe(400);
  });
});

describe('Suricata alerts from a real EVE record', () => {
  itWithCorpus('take their severity from the Suricata priority (1 high, 2 medium, 3 low)', async () => {
    const org = await createTestOrg(t.deps);
    const line = readCorpus('suricata/tenzir-eve/eve.json').split('\n')[0] ?? '';
    const record = JSON.parse(line) as { alert: { severity: number }; src_ip: string; flow_id: number };
    const variant = (priority: number, srcIp: string) => ({
      ...record,
      src_ip: srcIp,
      flow_id: record.flow_id + priority,
      alert: { ...record.alert, severity: priority },
    });
    await ingestAndDetect(t.deps, org, 'suricata', [record, variant(1, '198.51.100.1'), variant(3, '198.51.100.3')]);

    const alerts = await t.http.get<{ src_ip: string; severity: string; detector: string; title: string }[]>('/alerts', org.admin.headers);
    const bySource = Object.fromEntries(alerts.body.map((alert) => [alert.src_ip, alert]));
    expect(alerts.body).toHaveLength(3);
    expect(bySource['147.32.84.165']).toMatchObject({ severity: 'medium', detector: 'suricata_alert', source: 'detector', category: 'ids_alert' });
    expect(bySource['147.32.84.165']?.title).toContain('ET CURRENT_EVENTS SUSPICIOUS IRC');
    expect(bySource['198.51.100.1']?.severity).toBe('high');
    expect(bySource['198.51.100.3']?.severity).toBe('low');
  });
});

describe('reporting alerts (POST /alerts)', () => {
  it('creates, then counts an identical report as an occurrence; another indicator is another alert', async () => {
    const org = await createTestOrg(t.deps);
    const first = await t.http.post('/alerts', reportBody({ severity: undefined, description: undefined }), org.admin.headers);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'open', severity: 'medium', occurrences: 1, source: 'mail-gateway', detector: null, entity_type: 'host' });
    expect(first.body.fingerprint).toMatch(/^manual\|[0-9a-f]{32}$/);
    const again = await t.http.post('/alerts', reportBody({ severity: 'critical', title: '  Phishing mail clicked ' }), org.admin.headers);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, occurrences: 2, severity: 'critical', description: 'User clicked a link in a reported mail' });
    const other = await t.http.post('/alerts', reportBody({ hostname: 'laptop-8' }), org.admin.headers);
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(first.body.id);

    await t.http.patch(`/alerts/${first.body.id}`, { status: 'closed', conclusion: 'user re-trained' }, org.admin.headers);
    const afterClose = await t.http.post('/alerts', reportBody(), org.admin.headers);
    expect(afterClose.status).toBe(201);
    expect(afterClose.body.id).not.toBe(first.body.id);
  });

  it('makes one alert of identical reports sent at the same time', async () => {
    const org = await createTestOrg(t.deps);
    const body = reportBody({ title: 'Concurrent report' });
    const responses = await Promise.all(Array.from({ length: 5 }, () => t.http.post('/alerts', body, org.admin.headers)));
    expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(responses.map((response) => response.body.id)).size).toBe(1);
    const detail = await t.http.get(`/alerts/${responses[0]?.body.id}`, org.admin.headers);
    expect(detail.body.occurrences).toBe(5);
    expect(detail.body.history.map((entry: { kind: string }) => entry.kind)).toEqual(['created', 'occurrence', 'occurrence', 'occurrence', 'occurrence']);
  });

  it('answers 400 on a blank title, source or category, and takes reports from agent keys', async () => {
    const org = await createTestOrg(t.deps);
    for (const field of ['title', 'source', 'category']) {
      const response = await t.http.post('/alerts', reportBody({ [field]: '   ' }), org.admin.headers);
      expect(response.status, field).toBe(400);
      expect(response.body.issues.map((issue: { path: string }) => issue.path)).toEqual([field]);
    }
    expect((await t.http.post('/alerts', reportBody({ severity: 'info' }), org.admin.headers)).status).toBe(400);
    const agent = await orgWithAgent(t.http, org, 'sensor-host');
    const byAgent = await t.http.post('/alerts', reportBody({ source: 'edr-agent', url: null }), agent.headers);
    expect(byAgent.status).toBe(201);
    expect((await t.http.get(`/alerts/${byAgent.body.id}`, org.admin.headers)).body.history[0]).toMatchObject({ kind: 'created', actor_type: 'agent' });
    expect((await t.http.get('/alerts', agent.headers)).status).toBe(403);
  });
});
