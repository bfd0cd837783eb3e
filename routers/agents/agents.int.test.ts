import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createEnrollmentKey, enrollAgent, orgWithAgent, sampleEvent } from '../../tests/fixtures/agents.ts';
import { eveAlert, sensor } from '../../tests/fixtures/events.ts';
import { createTestOrg } from '../../tests/fixtures/identity.ts';
import { useTestServer } from '../../tests/harness.ts';

const t = useTestServer();

describe('agent lifecycle over HTTP', () => {
  it('enrol → heartbeat → online → silent → offline → heartbeat → online', async () => {
    const org = await createTestOrg(t.deps);
    const enrollmentKey = await createEnrollmentKey(t.http, org);
    expect(enrollmentKey).toMatch(/^vge_[a-z2-9]{10}_[a-z2-9]{32}$/);
    const keys = await t.http.get('/api/agents/enrollment-keys', org.admin.headers);
    expect(keys.body).toHaveLength(1);
    expect(JSON.stringify(keys.body)).not.toContain(enrollmentKey);

    const agent = await enrollAgent(t.http, enrollmentKey, 'web-01');
    expect(agent.apiKey).toMatch(/^vga_[a-z2-9]{10}_[a-z2-9]{32}$/);
    expect((await t.http.get(`/agents/${agent.agentId}`, org.admin.headers)).body).toMatchObject({ name: 'web-01', status: 'enrolled', last_heartbeat: null });

    const beat = await t.http.post(
      `/agents/${agent.agentId}/heartbeat`,
      { status: 'online', version: '1.2.3', last_seen: '2020-01-01T00:00:00', ip_address: '10.0.0.9' },
      agent.headers,
    );
    expect(beat.status).toBe(200);
    expect(beat.body).toMatchObject({ agent_id: agent.agentId, status: 'online', heartbeat_interval_seconds: 60 });
    expect(Math.abs(Date.parse(beat.body.last_heartbeat) - Date.now())).toBeLessThan(60_000);

    const listed = await t.http.get('/agents', org.admin.headers);
    expect(listed.body).toHaveLength(1);
    expect(listed.body[0]).toMatchObject({
      id: agent.agentId,
      status: 'online',
      version: '1.2.3',
      ip_address: '10.0.0.9',
      last_seen: '2020-01-01T00:00:00.000Z',
      last_ip: '127.0.0.1',
      tags: [],
    });

    await sql`update agents set last_heartbeat = now() - interval '181 seconds' where public_id = ${agent.agentId}`.execute(t.deps.db);
    expect((await t.http.get(`/agents/${agent.agentId}`, org.admin.headers)).body).toMatchObject({ status: 'offline', reported_status: 'online' });
    expect((await t.http.get('/api/telemetry/status', org.admin.headers)).body.agents).toEqual({ total: 1, online: 0, offline: 1 });

    const bearer = { authorization: `Bearer ${agent.apiKey}` };
    expect((await t.http.post(`/agents/${agent.agentId}/heartbeat`, {}, bearer)).status).toBe(200);
    expect((await t.http.get(`/agents/${agent.agentId}`, org.admin.headers)).body.status).toBe('online');
  });

  it('answers 404 for a heartbeat to another agent and 403 to a user', async () => {
    const org = await createTestOrg(t.deps);
    const first = await orgWithAgent(t.http, org, 'host-a');
    const second = await enrollAgent(t.http, first.enrollmentKey, 'host-b');
    expect((await t.http.post(`/agents/${second.agentId}/heartbeat`, {}, first.headers)).status).toBe(404);
    expect((await t.http.post(`/agents/${first.agentId}/heartbeat`, {}, org.admin.headers)).status).toBe(403);
    expect((await t.http.post(`/agents/${first.agentId}/heartbeat`, {})).status).toBe(401);
  });

  it('enrols a second host of the same name as a new agent, leaving the first one working', async () => {
    const org = await createTestOrg(t.deps);
    const first = await orgWithAgent(t.http, org, 'db-01');
    const twin = await enrollAgent(t.http, first.enrollmentKey, 'DB-01');
    expect(twin.agentId).not.toBe(first.agentId);
    expect((await t.http.post(`/agents/${first.agentId}/heartbeat`, {}, first.headers)).status).toBe(200);
    expect((await t.http.post(`/agents/${twin.agentId}/heartbeat`, {}, twin.headers)).status).toBe(200);
    const listed = await t.http.get<{ id: number; name: string }[]>('/agents', org.admin.headers);
    expect(listed.body.map((agent) => agent.id).sort((x, y) => x - y)).toEqual([first.agentId, twin.agentId].sort((x, y) => x - y));
  });

  it('rotates the key of an agent that proves itself with its current key, and refuses a stale one', async () => {
    const org = await createTestOrg(t.deps);
    const first = await orgWithAgent(t.http, org, 'db-01');
    const twin = await enrollAgent(t.http, first.enrollmentKey, 'db-01');
    const enrolment = { name: 'db-01', os: 'linux', ip_address: '', enrollment_key: first.enrollmentKey };
    const again = await t.http.post('/agents/enroll', enrolment, { 'x-agent-token': first.apiKey });
    expect(again.body).toMatchObject({ agent_id: first.agentId, rotated: true });
    expect(again.body.api_key).not.toBe(first.apiKey);
    expect((await t.http.post(`/agents/${first.agentId}/heartbeat`, {}, first.headers)).status).toBe(401);
    expect((await t.http.post(`/agents/${twin.agentId}/heartbeat`, {}, twin.headers)).status).toBe(200);
    const stale = await t.http.post('/agents/enroll', enrolment, first.headers);
    expect(stale.status).toBe(401);
    expect(stale.body.detail).toContain('agent key');
    const viaBody = await t.http.post('/agents/enroll', { ...enrolment, api_key: again.body.api_key });
    expect(viaBody.body).toMatchObject({ agent_id: first.agentId, rotated: true });
    const rotated = { 'x-agent-key': viaBody.body.api_key as string };
    expect((await t.http.post(`/agents/${first.agentId}/heartbeat`, {}, rotated)).status).toBe(200);
    expect((await t.http.get<unknown[]>('/agents', org.admin.headers)).body).toHaveLength(2);
  });

  it('lets one of two concurrent re-enrolments with the same key win, whatever their timing', async () => {
    const org = await createTestOrg(t.deps);
    const agent = await orgWithAgent(t.http, org, 'race-host');
    const enrolment = { name: 'race-host', os: 'linux', enrollment_key: agent.enrollmentKey, api_key: agent.apiKey };
    const results = await Promise.all([t.http.post('/agents/enroll', enrolment), t.http.post('/agents/enroll', enrolment)]);
    expect(results.map((result) => result.status).sort()).toEqual([200, 401]);
    const winner = results.find((result) => result.status === 200);
    expect((await t.http.post('/agent/heartbeat', {}, { 'x-agent-key': winner?.body.api_key })).status).toBe(200);
    expect((await t.http.get<unknown[]>('/agents', org.admin.headers)).body).toHaveLength(1);
  });

  it('refuses revoked agents and enrolment keys', async () => {
    const org = await createTestOrg(t.deps);
    const first = await orgWithAgent(t.http, org, 'db-01');
    const again = await t.http.post('/agents/enroll', { name: 'db-01', os: 'linux', enrollment_key: first.enrollmentKey }, first.headers);
    const rotated = { 'x-agent-key': again.body.api_key as string };
    const revoked = await t.http.delete(`/api/agents/${first.agentId}`, org.admin.headers);
    expect(revoked.body).toMatchObject({ id: first.agentId, status: 'revoked' });
    expect((await t.http.post('/events', sampleEvent(), rotated)).status).toBe(401);
    expect((await t.http.get('/agents', org.admin.headers)).body).toEqual([]);
    expect((await t.http.get('/agents?include_revoked=true', org.admin.headers)).body).toHaveLength(1);
    const fresh = await enrollAgent(t.http, first.enrollmentKey, 'db-01');
    expect(fresh.agentId).not.toBe(first.agentId);

    const keys = await t.http.get<{ id: string }[]>('/api/agents/enrollment-keys', org.admin.headers);
    expect((await t.http.delete(`/api/agents/enrollment-keys/${keys.body[0]?.id}`, org.admin.headers)).body.revoked_at).not.toBeNull();
    const refused = await t.http.post('/agents/enroll', { name: 'new-host', os: 'linux', ip_address: '10.0.0.1', enrollment_key: first.enrollmentKey });
    expect(refused.status).toBe(401);
    expect((await t.http.post(`/agents/${fresh.agentId}/heartbeat`, {}, fresh.headers)).status).toBe(200);
    const wrong = await t.http.post('/agents/enroll', { name: 'x', os: 'linux', ip_address: '10.0.0.1', enrollment_key: 'eventsec-enroll' });
    expect(wrong.status).toBe(401);

    const audit = await t.http.get<{ items: { action: string }[] }>('/api/audit?limit=100', org.admin.headers);
    const actions = audit.body.items.map((item) => item.action);
    for (const action of ['agent_enrollment_key.created', 'agent.enrolled', 'agent.key_rotated', 'agent.revoked', 'agent_enrollment_key.revoked']) {
      expect(actions).toContain(action);
    }
  });
});

describe('EventSec agent clients', () => {
  it('gives the Go agent integer ids in the enrolment answer, agent listings and heartbeat paths', async () => {
    const org = await createTestOrg(t.deps);
    const agent = await orgWithAgent(t.http, org, 'go-host');
    expect(Number.isInteger(agent.agentId)).toBe(true);
    const beat = await t.http.post(
      `/agents/${agent.agentId}/heartbeat`,
      { status: 'online', last_seen: new Date().toISOString(), version: '1.0' },
      agent.headers,
    );
    expect(beat.body).toMatchObject({ agent_id: agent.agentId });
    const [listed] = (await t.http.get<{ id: unknown; uuid: string }[]>('/agents', org.admin.headers)).body;
    expect(listed?.id).toBe(agent.agentId);
    expect(listed?.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect((await t.http.get(`/agents/${agent.agentId}`, org.admin.headers)).body).toMatchObject({ id: agent.agentId, name: 'go-host' });
  });

  it("serves the Python agent's POST /agent/heartbeat, naming the agent by its key", async () => {
    const org = await createTestOrg(t.deps);
    const agent = await orgWithAgent(t.http, org, 'py-host');
    const body = { version: 'eventsec-agent-demo', ip_address: '10.0.0.7', status: 'online', last_seen: new Date().toISOString() };
    const beat = await t.http.post('/agent/heartbeat', body, agent.headers);
    expect(beat.status).toBe(200);
    expect(beat.body).toMatchObject({ detail: 'Heartbeat recorded', agent_id: agent.agentId, status: 'online' });
    expect((await t.http.get(`/agents/${agent.agentId}`, org.admin.headers)).body).toMatchObject({
      status: 'online',
      version: 'eventsec-agent-demo',
      ip_address: '10.0.0.7',
    });
    expect((await t.http.post('/agent/heartbeat', { status: 'degraded' }, { 'x-agent-token': agent.apiKey })).body).toMatchObject({ status: 'degraded' });
    expect((await t.http.post('/agent/heartbeat', { status: 'revoked' }, agent.headers)).status).toBe(400);
    expect((await t.http.post('/agent/heartbeat', {}, org.admin.headers)).status).toBe(403);
    expect((await t.http.post('/agent/heartbeat', {})).status).toBe(401);
    expect((await t.http.post('/agent/heartbeat', {}, { 'x-agent-token': 'shared-eventsec-token' })).status).toBe(401);
  });

  it('accepts X-Agent-Token like X-Agent-Key, as the IDS collector sends it', async () => {
    const org = await createTestOrg(t.deps);
    const agent = await orgWithAgent(t.http, org, 'ids-host');
    const token = { 'x-agent-token': agent.apiKey };
    const bulk = await t.http.post('/ingest/network/bulk', { source: 'suricata', sensor: sensor('ids-1'), events: [eveAlert()] }, token);
    expect(bulk.status).toBe(200);
    expect(bulk.body).toMatchObject({ accepted: 1 });
    expect((await t.http.post('/events', sampleEvent(), token)).body).toMatchObject({ agent_id: agent.agentId });
  });
});

describe('agent events over HTTP', () => {
  it('stores single and batch events, deduplicates replays and lists them newest first', async () => {
    const org = await createTestOrg(t.deps);
    const agent = await orgWithAgent(t.http, org, 'web-01');
    const hourAgo = new Date(Math.floor(Date.now() / 1000) * 1000 - 3600_000).toISOString();
    const clean = {
      event_type: 'edr.malware_scan',
      severity: 'INFO',
      details: { hostname: 'web-01', infected: false },
      event_id: 'scan-1',
      timestamp: hourAgo,
    };
    const posted = await t.http.post('/events', clean, agent.headers);
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({ agent_id: agent.agentId, severity: 'info', deduplicated: false, timestamp: hourAgo });
    const replay = await t.http.post('/events', clean, agent.headers);
    expect(replay.body).toMatchObject({ id: posted.body.id, deduplicated: true });

    const batch = await t.http.post(
      '/events',
      { events: [sampleEvent({ severity: 'high' }), sampleEvent({ severity: 'extreme' }), { severity: 'low', details: {} }, 'text'] },
      agent.headers,
    );
    expect(batch.body).toMatchObject({ received: 4, stored: 1, deduplicated: 0 });
    expect(batch.body.rejected).toEqual([
      { index: 1, reason: 'invalid_field', field: 'severity' },
      { index: 2, reason: 'missing_field', field: 'event_type' },
      { index: 3, reason: 'not_an_object', field: null },
    ]);
    const array = await fetch(`${t.server.baseUrl}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...agent.headers },
      body: JSON.stringify([sampleEvent({ event_type: 'logcollector', severity: 'low', details: { hostname: 'web-01', message: '100% done_x' } })]),
    });
    expect(await array.json()).toMatchObject({ stored: 1 });

    const analyst = await org.addUser('analyst');
    const listed = await t.http.get<{ event_type: string; severity: string; agent_id: string; details: Record<string, unknown> }[]>('/events', analyst.headers);
    expect(listed.status).toBe(200);
    expect(listed.body.map((event) => event.event_type)).toEqual(['logcollector', 'edr.process_start', 'edr.malware_scan']);
    expect(listed.body[1]).toMatchObject({ severity: 'high', agent_id: agent.agentId, category: 'process', details: { username: 'alice' } });
    expect((await t.http.get('/events?severity=info', analyst.headers)).body).toHaveLength(1);
    expect((await t.http.get('/events?query=WEB-0', analyst.headers)).body).toHaveLength(3);
    expect((await t.http.get('/events?query=100%25', analyst.headers)).body).toHaveLength(1);
    expect((await t.http.get('/events?query=%25', analyst.headers)).body).toHaveLength(1);
    expect((await t.http.get('/events?event_type=edr.process_start&size=1', analyst.headers)).body).toHaveLength(1);
    expect((await t.http.get(`/events?agent_id=${agent.agentId}&offset=2`, analyst.headers)).body).toHaveLength(1);

    const sources = await t.http.get('/api/sources', analyst.headers);
    expect(sources.body.sources).toEqual([
      expect.objectContaining({ source_type: 'agent', channel: 'events', hostname: 'web-01', agent_id: agent.agentId, status: 'active', events_processed: 3 }),
    ]);
    const status = await t.http.get('/api/telemetry/status', analyst.headers);
    expect(status.body).toMatchObject({ hasLogs: true, assetsDiscovered: 1, agentsEnrolled: 1, agents: { total: 1, online: 1, offline: 0 } });
  });

  it('filters GET /events with a KQL predicate over the Events columns, AND-ed with the other filters', async () => {
    const org = await createTestOrg(t.deps);
    const agent = await orgWithAgent(t.http, org, 'web-01');
    await t.http.post('/events', sampleEvent({ severity: 'high' }), agent.headers);
    await t.http.post('/events', sampleEvent({ severity: 'low', details: { hostname: 'db-02', username: 'bob', process_name: 'sshd' } }), agent.headers);
    await t.http.post('/events', sampleEvent({ event_type: 'logcollector', severity: 'low', details: { hostname: 'db-03', username: 'bob' } }), agent.headers);
    const list = async (params: Record<string, string>) => {
      const response = await t.http.get<{ event_type: string; details: { hostname?: string } }[]>(`/events?${new URLSearchParams(params)}`, org.admin.headers);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body.map((event) => `${event.event_type}@${event.details.hostname}`);
    };
    expect(await list({ kql: 'UserName == "alice" and Severity >= 3' })).toEqual(['edr.process_start@web-01']);
    expect(await list({ kql: 'HostName startswith "db" and ProcessName in ("sshd", "cron")' })).toEqual(['edr.process_start@db-02']);
    expect(await list({ kql: 'HostName startswith "db"', event_type: 'logcollector' })).toEqual(['logcollector@db-03']);
    expect(await list({ kql: 'HostName startswith "db"', size: '1', offset: '1' })).toEqual(['edr.process_start@db-02']);
    expect(await list({ kql: `AgentId != "" and SeverityName == "high"`, agent_id: String(agent.agentId) })).toEqual(['edr.process_start@web-01']);
    expect(await list({ kql: '   ' })).toHaveLength(3);
    // a filter value is a literal, never KQL
    expect(await list({ query: '" or true or "' })).toEqual([]);
  });

  it('answers a bad KQL predicate with 400 and the error of POST /search/kql', async () => {
    const org = await createTestOrg(t.deps);
    const bad = async (kql: string) => {
      const response = await t.http.get<Record<string, unknown>>(`/events?${new URLSearchParams({ kql })}`, org.admin.headers);
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(response.body.issues).toEqual([{ path: 'kql', message: response.body.detail }]);
      return response.body;
    };
    expect(await bad('UserName == ')).toMatchObject({ error_type: 'SYNTAX_ERROR', line: 1, column: 13, expected: expect.any(Array) });
    expect(await bad('  srcip == 1')).toMatchObject({ error_type: 'FIELD_NOT_FOUND', line: 1, column: 3 });
    expect(await bad('UserName == "a" | take 1')).toMatchObject({ error_type: 'SYNTAX_ERROR', line: 1, column: 17 });
    expect(await bad('srcip == "203.0.113.7"')).toMatchObject({
      error_type: 'FIELD_NOT_FOUND',
      line: 1,
      column: 1,
      suggestions: expect.arrayContaining(['SrcIp']),
    });
    expect(await bad('Severity == "high"')).toMatchObject({ error_type: 'TYPE_ERROR' });
    expect((await t.http.get(`/events?kql=${'x'.repeat(2001)}`, org.admin.headers)).status).toBe(400);
  });

  it('accepts events from an API key with events:write, without an agent id', async () => {
    const org = await createTestOrg(t.deps);
    const key = await t.http.post('/api/keys', { name: 'forwarder', role: 'analyst' }, org.admin.headers);
    const posted = await t.http.post('/events', sampleEvent(), { 'x-api-key': key.body.key });
    expect(posted.body).toMatchObject({ agent_id: null, event_type: 'edr.process_start', severity: 'medium' });
    const viewer = await org.addUser('viewer');
    expect((await t.http.post('/events', sampleEvent(), viewer.headers)).status).toBe(403);
  });
});
