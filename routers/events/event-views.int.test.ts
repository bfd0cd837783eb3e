import { describe, expect, it } from 'vitest';
import { ingestRecords } from '../../services/ingest/index.ts';
import { orgWithAgent } from '../../tests/fixtures/agents.ts';
import { eveAlert, minutesAgo, sensor } from '../../tests/fixtures/events.ts';
import { createTestOrg, orgServiceContext } from '../../tests/fixtures/identity.ts';
import { useTestServer } from '../../tests/harness.ts';

const t = useTestServer();
// one instant per fixture, so a re-sent record is the same record
const EDR_AT = minutesAgo(10);
const SIEM_AT = minutesAgo(8);

const edr = (overrides: Record<string, unknown> = {}) => ({
  timestamp: EDR_AT,
  hostname: 'ws-042',
  username: 'alice',
  event_type: 'edr.process_start',
  process_name: 'powershell.exe',
  action: 'allowed',
  severity: 'high',
  details: { command_line: 'powershell -enc SQBFAFgA', event_id: 'edr-1' },
  ...overrides,
});

const siem = (overrides: Record<string, unknown> = {}) => ({
  timestamp: SIEM_AT,
  host: 'db-01',
  source: 'auditd',
  category: 'authentication',
  severity: 'medium',
  message: 'sudo: 3 incorrect password attempts',
  raw: {
    event_id: 'siem-1',
    agent_id: 'a-1',
    event_type: 'auth_failure',
    severity: 'medium',
    category: 'authentication',
    timestamp: SIEM_AT,
    details: { user: 'bob' },
  },
  ...overrides,
});

describe('/edr/events and /siem/events', () => {
  it('stores posted EDR events for real, lists them with agent EDR telemetry, and dedups a replay', async () => {
    const org = await createTestOrg(t.deps);
    const created = await t.http.post('/edr/events', edr(), org.admin.headers);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(Number),
      timestamp: EDR_AT,
      hostname: 'ws-042',
      username: 'alice',
      event_type: 'edr.process_start',
      process_name: 'powershell.exe',
      action: 'allowed',
      severity: 'high',
      details: { command_line: 'powershell -enc SQBFAFgA', event_id: 'edr-1' },
    });
    const replay = await t.http.post('/edr/events', edr(), org.admin.headers);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(created.body);
    const batch = await t.http.post(
      '/edr/events',
      { events: [edr({ details: { event_id: 'edr-2' }, severity: 'low' }), { hostname: 'x' }] },
      org.admin.headers,
    );
    expect(batch.body).toMatchObject({ accepted: 1, rejected: 1, errors: [{ index: 1, reason: 'missing_event_type' }] });
    await ingestRecords(orgServiceContext(t.deps, org), {
      channel: 'events',
      source: 'agent',
      records: [
        {
          event_id: 'ag-1',
          agent_id: 'agent-7',
          event_type: 'edr_network_connection',
          severity: 'low',
          category: 'edr',
          timestamp: minutesAgo(1),
          details: { hostname: 'ws-9' },
        },
      ],
    });

    const listed = await t.http.get<any[]>('/edr/events', org.admin.headers);
    expect(listed.body.map((event) => event.event_type)).toEqual(['edr_network_connection', 'edr.process_start', 'edr.process_start']);
    // EventSec's EdrEvent has no nullable fields: unknown ones are empty strings
    expect(listed.body[0]).toMatchObject({ hostname: 'ws-9', username: '', process_name: '', action: '' });
    expect(listed.body[2]).toMatchObject({
      hostname: 'ws-042',
      username: 'alice',
      process_name: 'powershell.exe',
      action: 'allowed',
      severity: 'high',
      details: { command_line: 'powershell -enc SQBFAFgA', event_id: 'edr-1' },
    });
    expect((await t.http.get<any[]>('/edr/events?severity=high', org.admin.headers)).body).toHaveLength(1);
    expect((await t.http.get<any[]>('/edr/events?q=sqbfafga&time_range=2h', org.admin.headers)).body).toHaveLength(1);
    expect((await t.http.get<any[]>('/edr/events?time_range=5m', org.admin.headers)).body).toHaveLength(1);
    expect((await t.http.get('/edr/events?time_range=40d', org.admin.headers)).status).toBe(400);
    expect((await t.http.post('/edr/events', { hostname: 'no type' }, org.admin.headers)).status).toBe(400);
  });

  it('stores SIEM view items and Wazuh alerts, and lists them in the EventSec shape', async () => {
    const org = await createTestOrg(t.deps);
    const wazuh = {
      id: '1700000000.42',
      timestamp: minutesAgo(2),
      rule: { level: 10, description: 'sshd: brute force', groups: ['sshd', 'authentication_failures'] },
      agent: { id: '001', name: 'bastion' },
      full_log: 'Failed password for root from 198.51.100.4',
      data: { srcip: '198.51.100.4' },
    };
    const stored = await t.http.post('/siem/events', { events: [siem(), wazuh] }, org.admin.headers);
    expect(stored.body).toMatchObject({ accepted: 2, stored: 2 });
    const listed = await t.http.get<any[]>(`/siem/events?since_ms=${Date.now() - 3600_000}`, org.admin.headers);
    expect(listed.body).toEqual([
      expect.objectContaining({
        host: 'bastion',
        source: 'siem',
        category: 'authentication',
        severity: 'high',
        message: 'Failed password for root from 198.51.100.4',
      }),
      expect.objectContaining({
        host: 'db-01',
        source: 'auditd',
        severity: 'medium',
        raw: expect.objectContaining({ event_id: 'siem-1', details: { user: 'bob' } }),
      }),
    ]);
    expect(listed.body[0].raw).toMatchObject({ event_id: '1700000000.42', agent_id: '001', details: expect.objectContaining({ full_log: wazuh.full_log }) });
  });

  it('answers a single posted SIEM event with the stored event, a bare minimum filled in as EventSec does', async () => {
    const org = await createTestOrg(t.deps);
    const created = await t.http.post('/siem/events', siem(), org.admin.headers);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(Number),
      timestamp: SIEM_AT,
      host: 'db-01',
      source: 'auditd',
      category: 'authentication',
      severity: 'medium',
      message: 'sudo: 3 incorrect password attempts',
      raw: siem().raw,
    });
    const bare = await t.http.post('/siem/events', { event_type: 'port_probe', timestamp: SIEM_AT }, org.admin.headers);
    expect(bare.body).toMatchObject({ host: 'unknown', message: 'port_probe detected', raw: { event_type: 'port_probe', agent_id: null } });
  });

  it('lists in the SIEM view the events of every channel, agents included, with the agent named by its integer id', async () => {
    const org = await createTestOrg(t.deps);
    const agent = await orgWithAgent(t.http, org, 'ws-agent-7');
    const at = minutesAgo(3);
    await t.http.post(
      '/events',
      { event_type: 'logcollector', severity: 'high', category: '/var/log/auth.log', details: { line: 'x' }, timestamp: at },
      agent.headers,
    );
    await t.http.post('/ingest/network/bulk', { source: 'suricata', sensor: sensor('edge-1'), events: [eveAlert()] }, org.admin.headers);
    await t.http.post('/siem/events', siem(), org.admin.headers);
    const listed = await t.http.get<any[]>('/siem/events', org.admin.headers);
    expect(listed.body.map((event) => event.raw.event_type).sort()).toEqual(['alert', 'auth_failure', 'logcollector']);
    const fromAgent = listed.body.find((event) => event.raw.event_type === 'logcollector');
    expect(fromAgent).toMatchObject({
      host: 'ws-agent-7',
      category: '/var/log/auth.log',
      severity: 'high',
      message: 'logcollector detected',
      raw: { agent_id: agent.agentId, event_type: 'logcollector', details: { line: 'x' } },
    });
    const high = await t.http.get<any[]>('/siem/events?severity=high', org.admin.headers);
    expect(high.body.map((event) => event.raw.event_type)).toContain('logcollector');
    expect(high.body.map((event) => event.raw.event_type)).not.toContain('auth_failure');
  });

  it('deletes (admin only, range and/or ids required, audited) only rows posted to that store', async () => {
    const org = await createTestOrg(t.deps);
    await t.http.post('/edr/events', { events: [edr(), edr({ details: { event_id: 'edr-2' } })] }, org.admin.headers);
    await ingestRecords(orgServiceContext(t.deps, org), {
      channel: 'events',
      source: 'agent',
      records: [{ event_id: 'ag-2', event_type: 'edr.file_write', severity: 'low', timestamp: minutesAgo(1), details: {} }],
    });
    const analyst = await org.addUser('analyst');
    expect((await t.http.delete(`/edr/events?ids=1`, analyst.headers)).status).toBe(403);
    expect((await t.http.delete('/edr/events', org.admin.headers)).status).toBe(400);
    expect((await t.http.delete(`/edr/events?start_time=${encodeURIComponent(minutesAgo(60))}`, org.admin.headers)).status).toBe(400);
    expect((await t.http.delete('/edr/events?ids=1,x', org.admin.headers)).status).toBe(400);

    const listed = await t.http.get<any[]>('/edr/events', org.admin.headers);
    const agentEvent = listed.body.find((event) => event.event_type === 'edr.file_write');
    const posted = listed.body.filter((event) => event !== agentEvent);
    const byId = await t.http.delete(`/edr/events?ids=${posted[0].id},${agentEvent.id}`, org.admin.headers);
    expect(byId.body).toEqual({ deleted: 1 });
    const byRange = await t.http.delete(
      `/edr/events?start_time=${encodeURIComponent(minutesAgo(120))}&end_time=${encodeURIComponent(new Date().toISOString())}`,
      org.admin.headers,
    );
    expect(byRange.body).toEqual({ deleted: 1 });
    expect((await t.http.get<any[]>('/edr/events', org.admin.headers)).body.map((event) => event.event_type)).toEqual(['edr.file_write']);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('org_id', '=', org.orgId)
      .where('action', '=', 'edr_events.deleted')
      .execute();
    expect(audit.map((row) => (row.details as { deleted: number }).deleted)).toEqual([1, 1]);
  });
});

describe('POST /threatmap/ingest', () => {
  it('requires authentication, stores items once, and rejects bad items by index', async () => {
    const org = await createTestOrg(t.deps);
    const item = {
      id: 'tm-1',
      ts: minutesAgo(1),
      src_ip: '198.51.100.9',
      dst_ip: '10.0.0.1',
      attack_type: 'Scanner',
      severity: 7,
      tags: ['nmap'],
      confidence: 0.9,
      source: 'ingest',
    };
    expect((await t.http.post('/threatmap/ingest', item)).status).toBe(401);
    const first = await t.http.post('/threatmap/ingest', item, org.admin.headers);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ stored: 1, deduplicated: 0, rejected: 0 });
    const batch = await t.http.post(
      '/threatmap/ingest',
      {
        events: [
          item,
          { ...item, id: 'tm-2', attack_type: 'Laser' },
          { ...item, id: 'tm-3', severity: 11 },
          { ...item, id: 'tm-4', ts: 'soon' },
          { id: 'tm-5', ts: minutesAgo(1), severity: 2 },
        ],
      },
      org.admin.headers,
    );
    expect(batch.body).toMatchObject({ stored: 0, deduplicated: 1, rejected: 4 });
    expect(batch.body.errors.map((error: { index: number; reason: string; field?: string }) => [error.index, error.reason, error.field])).toEqual([
      [1, 'invalid_field', 'attack_type'],
      [2, 'invalid_field', 'severity'],
      [3, 'invalid_timestamp', 'ts'],
      [4, 'missing_field', 'attack_type'],
    ]);
    const single = await t.http.post('/threatmap/ingest', { ...item, confidence: 2 }, org.admin.headers);
    expect(single.status).toBe(400);
    expect(single.body.issues).toEqual([{ path: 'confidence', message: expect.any(String) }]);
    const rows = await t.deps.db.selectFrom('events').select(['action', 'severity', 'channel']).where('org_id', '=', org.orgId).execute();
    expect(rows).toEqual([{ action: 'threatmap.scanner', severity: 3, channel: 'threatmap' }]);
  });
});
