import { describe, expect, it } from 'vitest';
import { orgWithAgent } from '../../tests/fixtures/agents.ts';
import type { TestOrg } from '../../tests/fixtures/identity.ts';
import { useTestServer } from '../../tests/harness.ts';
import { createTwoOrgs, expectHidden } from '../../tests/tenancy.ts';

const t = useTestServer();

/** A's agent on a-host with one pending reboot queued by A's admin. */
async function aWithQueuedAction(a: TestOrg) {
  const agent = await orgWithAgent(t.http, a, 'a-host');
  const queued = await t.http.post('/agent/actions', { endpoint_id: agent.agentId, action_type: 'reboot' }, a.admin.headers);
  expect(queued.status).toBe(200);
  return { agent, actionId: queued.body.id as number };
}

describe('response.listEndpoints', () => {
  it("never lists another organisation's endpoints", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await orgWithAgent(t.http, a, 'a-only-host');
    const listed = await t.http.get('/endpoints?include_revoked=true', b.admin.headers);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([]);
  });
});

describe('response.getEndpoint', () => {
  it("answers 404 for another organisation's endpoint, like a missing one", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const agent = await orgWithAgent(t.http, a, 'a-host');
    await expectHidden((id) => t.http.get(`/endpoints/${id}`, b.admin.headers), agent.agentId);
  });
});

describe('response.listAgentActions', () => {
  it("never shows another organisation's endpoint actions, to its users or its agents", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const { agent } = await aWithQueuedAction(a);
    const bAgent = await orgWithAgent(t.http, b, 'a-host');
    expect((await t.http.get(`/agent/actions?endpoint_id=${agent.agentId}`, b.admin.headers)).body).toEqual([]);
    expect((await t.http.get('/agent/actions?hostname=a-host', b.admin.headers)).body).toEqual([]);
    expect((await t.http.get('/agent/actions', b.admin.headers)).body).toEqual([]);
    // B's agent enrolled under the same host name still gets nothing of A's
    expect((await t.http.get('/agent/actions?hostname=a-host', bAgent.headers)).body).toEqual([]);
    expect((await t.http.get('/agent/actions', agent.headers)).body).toHaveLength(1);
  });
});

describe('response.createAgentAction', () => {
  it("answers 404 for another organisation's endpoint or host, and queues nothing there", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const agent = await orgWithAgent(t.http, a, 'a-host');
    await expectHidden((id) => t.http.post('/agent/actions', { endpoint_id: id, action_type: 'isolate' }, b.admin.headers), agent.agentId);
    await expectHidden((id) => t.http.post('/agent/actions', { endpoint_id: id, action_type: 'reboot' }, b.admin.headers), agent.agentId);
    const byHost = await t.http.post('/agent/actions', { hostname: 'a-host', action_type: 'isolate' }, b.admin.headers);
    expect(byHost.status).toBe(404);
    expect((await t.http.get('/agent/actions', agent.headers)).body).toEqual([]);
    expect((await t.http.get('/agent/actions', a.admin.headers)).body).toEqual([]);
  });
});

describe('response.completeAgentAction', () => {
  it("answers 404 when another organisation's agent reports an action, and leaves it pending", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const { agent, actionId } = await aWithQueuedAction(a);
    const bAgent = await orgWithAgent(t.http, b, 'b-host');
    await expectHidden((id) => t.http.post(`/agent/actions/${id}/complete`, { success: true, output: 'pwned' }, bAgent.headers), actionId);
    expect((await t.http.get('/agent/actions', agent.headers)).body).toEqual([expect.objectContaining({ id: actionId, status: 'pending', output: null })]);
  });
});
