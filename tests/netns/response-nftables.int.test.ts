/**
 * Response end to end against a real kernel: an incident's attacker blocked through Vigil's HTTP API at
 * an nftables enforcement point (run inside a router namespace), read back by block-status, and lifted
 * by the durable job after Vigil was restarted in between.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg, type TestUser } from '../fixtures/identity.ts';
import { insertAttackIncident, runDueJobs, waitUntilPast } from '../fixtures/response.ts';
import { createTestDeps, useTestServer } from '../harness.ts';
import { buildRouterTopology, httpProbe, Namespaces, netnsSupport, type RouterTopology, startHttpServer, uniqueStem, waitUntilReachable } from './netns.ts';

const support = netnsSupport();
if (!support.ok) {
  // biome-ignore lint/suspicious/noConsole: the one line saying why these tests skip
  console.log(`response nftables tests skipped: ${support.reason}`);
}

const ENV = { RESPONSE_NFTABLES_LOCAL: 'true' };

describe.skipIf(!support.ok)('blocking an attacker through the API at nftables', { timeout: 90_000 }, () => {
  const t = useTestServer(ENV);
  const namespaces = new Namespaces();
  const port = 8080;
  let net: RouterTopology;
  let org: TestOrg;
  let lead: TestUser;

  beforeAll(async () => {
    net = buildRouterTopology(namespaces, uniqueStem());
    try {
      await startHttpServer(namespaces, net.prot, port);
    } catch (error) {
      namespaces.cleanUp();
      throw error;
    }
    org = await createTestOrg(t.deps);
    lead = await org.addUser('soc_lead');
    const point = await t.http.post('/api/response/enforcement-points', { kind: 'nftables', name: 'router', config: { netns: net.rtr } }, org.admin.headers);
    expect(point.status).toBe(201);
  });
  afterAll(() => namespaces.cleanUp());

  it('stops the real connection, reads the set back, and lifts the timed block after a restart', async () => {
    expect(await waitUntilReachable(net.att, net.protectedHost, port)).toBe('ok protected');
    const incidentId = await insertAttackIncident(t.deps, org.orgId, net.attacker);

    const block = await t.http.post(`/incidents/${incidentId}/actions/block-ip`, { duration_seconds: 6 }, lead.headers);
    expect(block.body).toMatchObject({ success: true, auto_unblock: true, action: { adapter: 'nftables', status: 'completed' } });
    const status = await t.http.get(`/incidents/${incidentId}/block-status`, lead.headers);
    expect(status.body).toMatchObject({ is_blocked: true, source: 'nftables', points: [{ adapter: 'nftables', enforced: true }] });
    expect(status.body.points[0].expires_in_seconds).toBeLessThanOrEqual(6);
    expect(await httpProbe(net.att, net.protectedHost, port)).toBe('blocked');

    await waitUntilPast(block.body.action.expires_at);
    const restarted = await createTestDeps(ENV);
    try {
      await runDueJobs(restarted);
    } finally {
      await restarted.close();
    }
    expect((await t.http.get(`/actions/${block.body.action.id}`, lead.headers)).body.status).toBe('expired');
    expect(await httpProbe(net.att, net.protectedHost, port)).toBe('ok protected');
    expect((await t.http.get(`/incidents/${incidentId}/block-status`, lead.headers)).body.is_blocked).toBe(false);
  });

  it('unblocks a permanent block on request, over IPv6 too', async () => {
    expect(await waitUntilReachable(net.att, net.protected6, port)).toBe('ok protected');
    const incidentId = await insertAttackIncident(t.deps, org.orgId, net.attacker6);
    await t.http.post(`/incidents/${incidentId}/contain`, {}, lead.headers);
    expect(await httpProbe(net.att, net.protected6, port)).toBe('blocked');
    const unblock = await t.http.post(`/incidents/${incidentId}/unblock`, {}, lead.headers);
    expect(unblock.body).toMatchObject({ success: true, action: { action_type: 'unblock_ip', status: 'completed' } });
    expect(await httpProbe(net.att, net.protected6, port)).toBe('ok protected');
  });
});
