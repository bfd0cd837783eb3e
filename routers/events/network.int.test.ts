import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { eveAlert, eveDns, eveTls, minutesAgo, sensor, zeekConn, zeekDns } from '../../tests/fixtures/events.ts';
import { createTestOrg } from '../../tests/fixtures/identity.ts';
import { useTestServer } from '../../tests/harness.ts';

const t = useTestServer();

async function postNdjson(lines: string[], headers: Record<string, string>, gzip = true) {
  const body = `${lines.join('\n')}\n`;
  const response = await fetch(`${t.server.baseUrl}/ingest/network/bulk`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', ...(gzip ? { 'content-encoding': 'gzip' } : {}), ...headers },
    body: gzip ? gzipSync(body) : body,
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('POST /ingest/network/bulk', () => {
  it('stores Suricata and Zeek records, reports each bad one by index, registers the sensor, and dedups a replay', async () => {
    const org = await createTestOrg(t.deps);
    const events = [
      eveAlert(),
      eveTls(),
      'not an object',
      { event_type: 'alert' },
      zeekConn(),
      zeekDns(),
      { flow_id: 1, event_type: 'dns', timestamp: 'yesterday' },
      eveDns(),
    ];
    const first = await t.http.post(
      '/ingest/network/bulk',
      { source: 'auto', sensor: sensor('edge-1'), events, meta: { collector_version: '1.2' } },
      org.admin.headers,
    );
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ accepted: 5, stored: 5, deduplicated: 0, rejected: 3, sensor_id: first.body.created_sensor_id });
    expect(first.body.errors).toEqual([
      { index: 2, reason: 'invalid_payload', hint: expect.any(String) },
      { index: 3, reason: 'missing_timestamp', field: 'timestamp', hint: expect.any(String) },
      { index: 6, reason: 'invalid_timestamp', field: 'timestamp', hint: expect.any(String) },
    ]);

    const replay = await t.http.post('/ingest/network/bulk', { sensor: { name: 'edge-1', kind: 'zeek' }, events }, org.admin.headers);
    expect(replay.body).toMatchObject({ accepted: 5, stored: 0, deduplicated: 5, rejected: 3, created_sensor_id: null, sensor_id: first.body.sensor_id });

    const sensors = await t.http.get('/network/sensors', org.admin.headers);
    expect(sensors.body).toEqual([
      expect.objectContaining({
        id: first.body.sensor_id,
        tenant_id: org.slug,
        name: 'edge-1',
        kind: 'zeek',
        location: 'dc1-rack4',
        status: 'healthy',
        error_count: 6,
      }),
    ]);
    const snippets = await t.deps.db.selectFrom('network_ingest_errors').select(['record_index', 'raw_snippet']).where('org_id', '=', org.orgId).execute();
    expect(snippets.find((row) => row.record_index === 2)?.raw_snippet).toBe('not an object');
  });

  it('takes gzip NDJSON with the sensor in headers, and reports a line that is not JSON', async () => {
    const org = await createTestOrg(t.deps);
    const lines = [JSON.stringify(eveAlert()), '{"event_type": "alert", broken', JSON.stringify(zeekConn())];
    const result = await postNdjson(lines, { ...org.admin.headers, 'x-sensor-name': 'tap-7', 'x-sensor-kind': 'zeek' });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ accepted: 2, rejected: 1, errors: [{ index: 1, reason: 'invalid_payload' }] });
    expect(result.body.created_sensor_id).toEqual(expect.any(Number));
    const missing = await postNdjson(lines, org.admin.headers, false);
    expect(missing.status).toBe(400);
    expect(missing.body.detail).toContain('sensor');
  });

  it('honours an explicit source: Zeek records sent as suricata are rejected, not misfiled', async () => {
    const org = await createTestOrg(t.deps);
    const result = await t.http.post('/ingest/network/bulk', { source: 'suricata', sensor: sensor('s1'), events: [zeekConn(), eveDns()] }, org.admin.headers);
    expect(result.body).toMatchObject({ accepted: 1, rejected: 1, errors: [{ index: 0, reason: 'missing_event_type', field: 'event_type' }] });
  });

  it('refuses more than 10,000 events with 413, and a viewer with 403; an analyst API key may ingest', async () => {
    const org = await createTestOrg(t.deps);
    const tooMany = await t.http.post('/ingest/network/bulk', { sensor: sensor('big'), events: Array.from({ length: 10_001 }, () => ({})) }, org.admin.headers);
    expect(tooMany.status).toBe(413);
    const viewer = await org.addUser('viewer');
    expect((await t.http.post('/ingest/network/bulk', { sensor: sensor('v'), events: [eveAlert()] }, viewer.headers)).status).toBe(403);
    const key = await t.http.post('/api/keys', { name: 'collector', role: 'analyst' }, org.admin.headers);
    const viaKey = await t.http.post('/ingest/network/bulk', { sensor: sensor('k'), events: [eveAlert()] }, { 'x-api-key': key.body.key });
    expect(viaKey.body).toMatchObject({ accepted: 1 });
    const badSensor = await t.http.post('/ingest/network/bulk', { sensor: { name: '', kind: 'snort' }, events: [] }, org.admin.headers);
    expect(badSensor.status).toBe(400);
  });
});

describe('GET /network/events, /network/stats, /network/sensors', () => {
  it('lists newest first with the documented fields and filters', async () => {
    const org = await createTestOrg(t.deps);
    await t.http.post('/ingest/network/bulk', { sensor: sensor('edge-2'), events: [eveAlert(), eveTls(), eveDns(), zeekConn(), zeekDns()] }, org.admin.headers);
    const all = await t.http.get<any[]>('/network/events', org.admin.headers);
    expect(all.body.map((event) => `${event.source}.${event.event_type}`)).toEqual(['zeek.dns', 'zeek.conn', 'suricata.dns', 'suricata.tls', 'suricata.alert']);
    expect(all.body[4]).toMatchObject({
      src_ip: '203.0.113.5',
      dst_ip: '10.0.0.8',
      dst_port: 80,
      proto: 'tcp',
      signature: 'GPL ATTACK_RESPONSE id check returned root',
      signature_id: 2_100_498,
      category: 'Potentially Bad Traffic',
      severity: 3,
      sensor: 'edge-2',
      http: { host: 'intranet.example.test', method: 'GET', status: 200, url: 'http://intranet.example.test/cgi-bin/id' },
      raw: expect.objectContaining({ event_type: 'alert', alert: expect.objectContaining({ signature_id: 2_100_498, severity: 1 }) }),
    });
    expect(all.body[3].tls).toMatchObject({ sni: 'updates.example.org', ja3: 'e7d705a3286e19ea42f587b344ee6865' });
    expect(all.body[0]).toMatchObject({ domain: 'c2.example.net', dns: { query: 'c2.example.net', answers: ['192.0.2.77'] } });

    const query = async (params: string) => (await t.http.get<any[]>(`/network/events?${params}`, org.admin.headers)).body.map((event) => event.event_type);
    expect(await query('source=zeek')).toEqual(['dns', 'conn']);
    expect(await query('event_type=dns')).toEqual(['dns', 'dns']);
    expect(await query('src_ip=203.0.113.5')).toEqual(['alert']);
    expect(await query('dst_port=4444')).toEqual(['conn']);
    expect(await query('severity=high')).toEqual(['alert']);
    expect(await query('size=2&offset=1')).toEqual(['conn', 'dns']);
    expect(await query(`start_time=${encodeURIComponent(minutesAgo(3.5))}&end_time=${encodeURIComponent(minutesAgo(1.5))}`)).toEqual(['conn', 'dns']);
    expect(await query(`end_time=${encodeURIComponent(minutesAgo(60))}`)).toEqual([]);
  });

  it('answers 400 naming the field for a bad filter or a window over 31 days', async () => {
    const org = await createTestOrg(t.deps);
    const issuePaths = async (params: string) => {
      const response = await t.http.get(`/network/events?${params}`, org.admin.headers);
      expect(response.status).toBe(400);
      return response.body.issues.map((issue: { path: string }) => issue.path);
    };
    expect(await issuePaths('src_ip=999.1.1.1')).toEqual(['src_ip']);
    expect(await issuePaths('dst_port=70000')).toEqual(['dst_port']);
    expect(await issuePaths('size=501')).toEqual(['size']);
    expect(await issuePaths('severity=9')).toEqual(['severity']);
    expect(await issuePaths('start_time=yesterday')).toEqual(['start_time']);
    expect(await issuePaths('start_time=2026-01-01T00:00:00Z&end_time=2026-03-01T00:00:00Z')).toEqual(['start_time']);
    expect(await issuePaths('start_time=2026-03-01T00:00:00Z&end_time=2026-01-01T00:00:00Z')).toEqual(['start_time']);
  });

  it('computes real totals and top lists, and sensor status from last_seen_at', async () => {
    const org = await createTestOrg(t.deps);
    const old = eveAlert({ timestamp: new Date(Date.now() - 3 * 86_400_000).toISOString(), dest_ip: '10.0.0.9' });
    await t.http.post(
      '/ingest/network/bulk',
      { sensor: sensor('edge-3'), events: [eveAlert(), eveAlert({ flow_id: 2 }), old, eveDns(), zeekConn()] },
      org.admin.headers,
    );
    const stats = await t.http.get('/network/stats', org.admin.headers);
    expect(stats.body).toEqual({
      total_events: 5,
      events_last_24h: 4,
      top_signatures: [{ key: 'GPL ATTACK_RESPONSE id check returned root', doc_count: 3 }],
      top_destinations: [
        { key: '10.0.0.8', doc_count: 2 },
        { key: '10.0.0.53', doc_count: 1 },
        { key: '10.0.0.9', doc_count: 1 },
        { key: '192.0.2.10', doc_count: 1 },
      ],
      top_severities: [
        { key: '3', doc_count: 3 },
        { key: '0', doc_count: 2 },
      ],
    });
    await t.deps.db
      .updateTable('network_sensors')
      .set({ last_seen_at: new Date(Date.now() - 10 * 60_000) })
      .where('org_id', '=', org.orgId)
      .execute();
    expect((await t.http.get('/network/sensors', org.admin.headers)).body[0].status).toBe('degraded');
    await t.deps.db
      .updateTable('network_sensors')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .where('org_id', '=', org.orgId)
      .execute();
    expect((await t.http.get('/network/sensors', org.admin.headers)).body[0].status).toBe('offline');
  });
});
