import { describe, expect, it } from 'vitest';
import { createEnrollmentKey, enrollAgent, orgWithAgent, sampleEvent } from '../../tests/fixtures/agents.ts';
import { useTestServer } from '../../tests/harness.ts';
import { createTwoOrgs } from '../../tests/tenancy.ts';

const t = useTestServer();
const MISSING = '00000000-0000-4000-8000-000000000000';
const MISSING_AGENT = '999999999';

describe('agents.createEnrollmentKey', () => {
  it("makes a key that enrols agents into the creator's organisation only", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const agent = await enrollAgent(t.http, await createEnrollmentKey(t.http, b), 'b-host');
    expect((await t.http.get<{ id: number }[]>('/agents', b.admin.headers)).body.map((row) => row.id)).toEqual([agent.agentId]);
    expect((await t.http.get('/agents', a.admin.headers)).body).toEqual([]);
  });
});

describe('agents.listEnrollmentKeys', () => {
  it("never lists another organisation's enrolment keys", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await t.http.post('/api/agents/enrollment-keys', { name: 'a secret installer' }, a.admin.headers);
    const listed = await t.http.get<{ name: string }[]>('/api/agents/enrollment-keys', b.admin.headers);
    expect(listed.body.map((key) => key.name)).not.toContain('a secret installer');
  });
});

describe('agents.revokeEnrollmentKey', () => {
  it("answers 404 for another organisation's key and leaves it working", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const created = await t.http.post('/api/agents/enrollment-keys', { name: 'a key' }, a.admin.headers);
    const response = await t.http.delete(`/api/agents/enrollment-keys/${created.body.id}`, b.admin.headers);
    expect(response.status).toBe(404);
    const missing = await t.http.delete(`/api/agents/enrollment-keys/${MISSING}`, b.admin.headers);
    expect(response.body.detail.replace(created.body.id, 'ID')).toBe(missing.body.detail.replace(MISSING, 'ID'));
    await expect(enrollAgent(t.http, created.body.key, 'still-works')).resolves.toMatchObject({ agentId: expect.any(Number) });
  });
});

describe('agents.enroll', () => {
  it('writes the agent into the organisation of the enrolment key, and the same name elsewhere is another agent', async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const inA = await orgWithAgent(t.http, a, 'shared-host');
    const inB = await orgWithAgent(t.http, b, 'shared-host');
    expect(inB.agentId).not.toBe(inA.agentId);
    expect((await t.http.post(`/agents/${inA.agentId}/heartbeat`, {}, inA.headers)).status).toBe(200);
    expect((await t.http.get<{ id: number }[]>('/agents', a.admin.headers)).body.map((row) => row.id)).toEqual([inA.agentId]);
    expect((await t.http.get<{ id: number }[]>('/agents', b.admin.headers)).body.map((row) => row.id)).toEqual([inB.agentId]);
  });

  it("refuses to re-enrol B's agent with A's enrolment key, and leaves that agent's key working", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const inA = await orgWithAgent(t.http, a, 'a-host');
    const inB = await orgWithAgent(t.http, b, 'b-host');
    const stolen = await t.http.post('/agents/enroll', { name: 'b-host', os: 'linux', enrollment_key: inA.enrollmentKey, api_key: inB.apiKey });
    expect(stolen.status).toBe(401);
    expect((await t.http.post(`/agents/${inB.agentId}/heartbeat`, {}, inB.headers)).status).toBe(200);
    expect((await t.http.get('/agents', a.admin.headers)).body).toHaveLength(1);
  });
});

describe('agents.list', () => {
  it("never lists another organisation's agents", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await orgWithAgent(t.http, a, 'a-only-host');
    const listed = await t.http.get('/agents?include_revoked=true', b.admin.headers);
    expect(JSON.stringify(listed.body)).not.toContain('a-only-host');
  });
});

describe('agents.get', () => {
  it("answers 404 for another organisation's agent, like a missing one", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const agent = await orgWithAgent(t.http, a, 'a-host');
    const response = await t.http.get(`/agents/${agent.agentId}`, b.admin.headers);
    expect(response.status).toBe(404);
    const missing = await t.http.get(`/agents/${MISSING_AGENT}`, b.admin.headers);
    expect(response.body.detail.replace(String(agent.agentId), 'ID')).toBe(missing.body.detail.replace(MISSING_AGENT, 'ID'));
  });
});

describe('agents.heartbeat', () => {
  it("answers 404 when an agent of B beats for A's agent, and changes nothing", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const inA = await orgWithAgent(t.http, a, 'a-host');
    const inB = await orgWithAgent(t.http, b, 'b-host');
    expect((await t.http.post(`/agents/${inA.agentId}/heartbeat`, { status: 'isolated', version: 'evil' }, inB.headers)).status).toBe(404);
    expect((await t.http.get(`/agents/${inA.agentId}`, a.admin.headers)).body).toMatchObject({ status: 'enrolled', version: '1.0.0' });
  });
});

describe('agents.ownHeartbeat', () => {
  it("records the beat on the key's own agent only, never on another organisation's", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const inA = await orgWithAgent(t.http, a, 'shared-name');
    const inB = await orgWithAgent(t.http, b, 'shared-name');
    expect((await t.http.post('/agent/heartbeat', { status: 'isolated', version: 'b-build' }, inB.headers)).body).toMatchObject({ agent_id: inB.agentId });
    expect((await t.http.get(`/agents/${inA.agentId}`, a.admin.headers)).body).toMatchObject({ status: 'enrolled', version: '1.0.0' });
    expect((await t.http.get(`/agents/${inB.agentId}`, b.admin.headers)).body).toMatchObject({ status: 'isolated', version: 'b-build' });
  });
});

describe('agents.revoke', () => {
  it("answers 404 for another organisation's agent and leaves its key working", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const agent = await orgWithAgent(t.http, a, 'a-host');
    expect((await t.http.delete(`/api/agents/${agent.agentId}`, b.admin.headers)).status).toBe(404);
    expect((await t.http.post(`/agents/${agent.agentId}/heartbeat`, {}, agent.headers)).status).toBe(200);
  });
});

describe('agents.postEvents', () => {
  it("stores an agent's events in its own organisation only", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const agent = await orgWithAgent(t.http, a, 'a-host');
    const posted = await t.http.post('/events', sampleEvent({ details: { hostname: 'a-secret-host' } }), agent.headers);
    expect(posted.status).toBe(200);
    const row = await t.deps.db
      .selectFrom('events')
      .innerJoin('agents', 'agents.id', 'events.agent_id')
      .select(['events.org_id', 'agents.public_id'])
      .where('events.id', '=', posted.body.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ org_id: a.orgId, public_id: agent.agentId });
    expect(JSON.stringify((await t.http.get('/events', b.admin.headers)).body)).not.toContain('a-secret-host');
  });
});

describe('agents.listEvents', () => {
  it("never returns another organisation's events, even filtered by its agent id", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const agent = await orgWithAgent(t.http, a, 'a-host');
    await t.http.post('/events', sampleEvent(), agent.headers);
    expect((await t.http.get(`/events?agent_id=${agent.agentId}`, a.admin.headers)).body).toHaveLength(1);
    expect((await t.http.get(`/events?agent_id=${agent.agentId}`, b.admin.headers)).body).toEqual([]);
  });

  it("cannot reach another organisation's events through a KQL predicate", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const agent = await orgWithAgent(t.http, a, 'a-host');
    const posted = await t.http.post('/events', sampleEvent({ details: { hostname: 'a-secret-host' } }), agent.headers);
    const agentUuid = (await t.deps.db.selectFrom('agents').select('id').where('public_id', '=', agent.agentId).executeTakeFirstOrThrow()).id;
    const asB = (kql: string) => t.http.get(`/events?${new URLSearchParams({ kql })}`, b.admin.headers);
    expect((await t.http.get(`/events?${new URLSearchParams({ kql: `EventId == ${posted.body.id}` })}`, a.admin.headers)).body).toHaveLength(1);
    for (const kql of [
      `EventId == ${posted.body.id}`,
      `AgentId == "${agentUuid}"`,
      'HostName == "a-secret-host" or true',
      'EventId in (Events | project EventId)',
      'HostName in (Events | where HostName == "a-secret-host" | project HostName)',
    ]) {
      const response = await asB(kql);
      expect(response.status, `${kql}: ${JSON.stringify(response.body)}`).toBe(200);
      expect(response.body, kql).toEqual([]);
    }
  });
});

describe('agents.listSources', () => {
  it("never shows another organisation's sources", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const agent = await orgWithAgent(t.http, a, 'a-source-host');
    await t.http.post('/events', sampleEvent(), agent.headers);
    expect((await t.http.get('/api/sources', a.admin.headers)).body.sources).toHaveLength(1);
    expect((await t.http.get('/api/sources', b.admin.headers)).body.sources).toEqual([]);
  });
});

describe('agents.telemetryStatus', () => {
  it("counts only the caller's organisation", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const agent = await orgWithAgent(t.http, a, 'a-host');
    await t.http.post('/events', sampleEvent(), agent.headers);
    expect((await t.http.get('/api/telemetry/status', a.admin.headers)).body).toMatchObject({ hasLogs: true, agentsEnrolled: 1 });
    expect((await t.http.get('/api/telemetry/status', b.admin.headers)).body).toMatchObject({
      hasLogs: false,
      lastEventAt: null,
      assetsDiscovered: 0,
      agentsEnrolled: 0,
      agents: { total: 0, online: 0, offline: 0 },
    });
  });
});
