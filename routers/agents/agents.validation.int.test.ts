import { describe, expect, it } from 'vitest';
import { orgWithAgent, sampleEvent } from '../../tests/fixtures/agents.ts';
import { createTestOrg } from '../../tests/fixtures/identity.ts';
import { useTestServer } from '../../tests/harness.ts';

const t = useTestServer();

const issuePaths = (body: { issues?: { path: string }[] }) => (body.issues ?? []).map((issue) => issue.path);

describe('bad input', () => {
  it('answers 400 naming the field, never 500', async () => {
    const org = await createTestOrg(t.deps);
    const agent = await orgWithAgent(t.http, org, 'host-1');
    const enrol = await t.http.post('/agents/enroll', { name: 'x', ip_address: 'not-an-ip', enrollment_key: agent.enrollmentKey });
    expect(enrol.status).toBe(400);
    expect(issuePaths(enrol.body)).toEqual(expect.arrayContaining(['os', 'ip_address']));
    const cases: [string, Record<string, unknown>, string][] = [
      ['/events', sampleEvent({ severity: 'extreme' }), 'severity'],
      ['/events', sampleEvent({ details: ['a'] }), 'details'],
      ['/events', sampleEvent({ timestamp: 'yesterday' }), 'timestamp'],
      ['/events', sampleEvent({ timestamp: '2999-01-01T00:00:00Z' }), 'timestamp'],
      ['/events', { severity: 'low' }, 'event_type'],
      ['/events', { ...sampleEvent(), events: [] }, 'event_type'],
      ['/events', { events: 'nope' }, 'events'],
      [`/agents/${agent.agentId}/heartbeat`, { last_seen: 'yesterday' }, 'last_seen'],
      [`/agents/${agent.agentId}/heartbeat`, { status: 'x'.repeat(40) }, 'status'],
      [`/agents/${agent.agentId}/heartbeat`, { status: 'revoked' }, 'status'],
      [`/agents/${agent.agentId}/heartbeat`, { heartbeat_interval_seconds: 1 }, 'heartbeat_interval_seconds'],
    ];
    for (const [path, body, field] of cases) {
      const response = await t.http.post(path, body, agent.headers);
      expect(response.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(issuePaths(response.body)).toContain(field);
    }
    const gets: [string, string][] = [
      ['/events?since=2026-01-01T00:00:00Z&until=2026-03-01T00:00:00Z', 'since'],
      ['/events?since=2026-03-01T00:00:00Z&until=2026-01-01T00:00:00Z', 'since'],
      ['/events?size=1000', 'size'],
      ['/events?agent_id=abc', 'agent_id'],
      ['/events?severity=extreme', 'severity'],
      ['/agents/not-a-uuid', 'agent_id'],
    ];
    for (const [path, field] of gets) {
      const response = await t.http.get(path, org.admin.headers);
      expect(response.status, path).toBe(400);
      expect(issuePaths(response.body)).toContain(field);
    }
  });
});

describe('enrolment rate limit', () => {
  const limited = useTestServer({ AUTH_LOGIN_LIMIT_PER_IP: '2' });
  it('answers 429 with Retry-After once an address exceeds its enrolment budget', async () => {
    const attempts = [];
    for (let i = 0; i < 3; i += 1) {
      attempts.push(await limited.http.post('/agents/enroll', { name: `h${i}`, os: 'linux', ip_address: '10.0.0.1', enrollment_key: 'vge_wrong' }));
    }
    expect(attempts.at(-1)?.status).toBe(429);
    expect(Number(attempts.at(-1)?.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
