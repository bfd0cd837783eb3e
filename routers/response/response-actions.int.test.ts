import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { redispatchStranded } from '../../services/response/index.ts';
import { orgWithAgent } from '../../tests/fixtures/agents.ts';
import { seedIncidents } from '../../tests/fixtures/cases.ts';
import { type FirewallPeer, startFirewallPeer } from '../../tests/fixtures/firewall-peer.ts';
import { createTestOrg, type TestOrg, type TestUser } from '../../tests/fixtures/identity.ts';
import { insertAttackIncident, runDueJobs, waitUntilPast } from '../../tests/fixtures/response.ts';
import { createTestDeps, useTestServer } from '../../tests/harness.ts';

const ENV = { OUTBOUND_ALLOWLIST: '127.0.0.1' };
const SECRET = `whsec_${Buffer.from('firewall-test-secret-0123456789ab').toString('base64')}`;
const t = useTestServer(ENV);
let peer: FirewallPeer;
let org: TestOrg;
let lead: TestUser;

beforeAll(async () => {
  peer = await startFirewallPeer(SECRET);
});
afterAll(async () => {
  await peer.close();
});

async function orgWithFirewall(): Promise<{ org: TestOrg; lead: TestUser }> {
  const created = await createTestOrg(t.deps);
  const point = await t.http.post(
    '/api/response/enforcement-points',
    { kind: 'webhook', name: 'edge-fw', config: { url: peer.url }, secret: SECRET },
    created.admin.headers,
  );
  expect(point.status).toBe(201);
  expect(point.body).toMatchObject({ kind: 'webhook', has_secret: true, secret: null });
  return { org: created, lead: await created.addUser('soc_lead') };
}

beforeEach(async () => {
  ({ org, lead } = await orgWithFirewall());
});

describe('containment at a firewall API', () => {
  it('blocks the incident source at the firewall, reads the block back from it, and contains the incident', async () => {
    const subscription = await t.http.post(
      '/api/webhooks/subscriptions',
      { url: 'https://hooks.example.com/soar', event_types: ['response.executed', 'incident.contained'] },
      org.admin.headers,
    );
    expect(subscription.status).toBe(201);
    const incidentId = await insertAttackIncident(t.deps, org.orgId, '203.0.113.50');
    const contain = await t.http.post(`/incidents/${incidentId}/contain?duration_seconds=600`, {}, lead.headers);
    expect(contain.status).toBe(200);
    expect(contain.body.action.duration_seconds).toBe(600);
    expect(contain.body.status).toBe('success');
    expect(contain.body.action).toMatchObject({
      action_type: 'block_ip',
      target: '203.0.113.50',
      status: 'completed',
      adapter: 'webhook',
      incident_id: incidentId,
    });
    expect(peer.blocked('203.0.113.50')).toBe(true);
    expect(peer.rejectedSignatures).toBe(0);

    const status = await t.http.get(`/api/incidents/${incidentId}/block-status`, lead.headers);
    expect(status.body).toMatchObject({ ip: '203.0.113.50', is_blocked: true, status: 'enforced', source: 'webhook' });
    const incident = await t.http.get(`/api/incidents/${incidentId}`, lead.headers);
    expect(incident.body.status).toBe('contained');

    const detail = await t.http.get(`/actions/${contain.body.action.id}`, lead.headers);
    expect(detail.body.transitions.map((step: { to: string }) => step.to)).toEqual(['requested', 'dispatched', 'completed']);
    expect(detail.body.transitions[0]).toMatchObject({ actor_type: 'user', actor_id: lead.id });
    const outbox = await t.deps.db.selectFrom('webhook_deliveries').select(['event_type', 'payload']).where('org_id', '=', org.orgId).orderBy('id').execute();
    expect(outbox.map((row) => row.event_type).sort()).toEqual(['incident.contained', 'response.executed']);
  });

  it('lifts a timed block with the durable job, even when Vigil restarted in between', async () => {
    const incidentId = await insertAttackIncident(t.deps, org.orgId, '203.0.113.51');
    const block = await t.http.post(`/incidents/${incidentId}/actions/block-ip`, { duration_seconds: 1 }, lead.headers);
    expect(block.body).toMatchObject({ success: true, duration_seconds: 1, auto_unblock: true });
    expect(peer.commands.at(-1)).toEqual({ action: 'block', ip: '203.0.113.51', timeout_seconds: 1 });

    await waitUntilPast(block.body.action.expires_at);
    const restarted = await createTestDeps(ENV);
    try {
      await runDueJobs(restarted);
    } finally {
      await restarted.close();
    }
    expect(peer.commands.at(-1)).toEqual({ action: 'unblock', ip: '203.0.113.51' });
    const original = await t.http.get(`/actions/${block.body.action.id}`, lead.headers);
    expect(original.body.status).toBe('expired');
    const status = await t.http.get(`/incidents/${incidentId}/block-status`, lead.headers);
    expect(status.body.is_blocked).toBe(false);
  });

  it('dispatches again an action a stopped process left claimed without an outcome', async () => {
    const executed = await t.http.post('/actions', { action_type: 'block_ip', target: '203.0.113.95' }, lead.headers);
    await t.http.patch(`/actions/${executed.body.id}`, { status: 'reverted' }, lead.headers);
    // what a crash between the claim and the firewall's answer leaves behind
    await t.deps.db
      .updateTable('response_actions')
      .set({ status: 'dispatched', adapter: null, updated_at: new Date(Date.now() - 10 * 60_000) })
      .where('id', '=', executed.body.id)
      .execute();
    expect(await redispatchStranded(t.deps)).toBe(1);
    await runDueJobs(t.deps);
    const action = await t.http.get(`/actions/${executed.body.id}`, lead.headers);
    expect(action.body.status).toBe('completed');
    expect(action.body.transitions.map((step: { to: string }) => step.to).slice(-3)).toEqual(['requested', 'dispatched', 'completed']);
    expect(action.body.transitions.at(-3).detail).toContain('dispatching again');
    expect(peer.blocked('203.0.113.95')).toBe(true);
    expect(await redispatchStranded(t.deps)).toBe(0);
  });

  it('unblocks by running the inverse: the block reads reverted and the unblock is its own action', async () => {
    const incidentId = await insertAttackIncident(t.deps, org.orgId, '2001:db8::7');
    const block = await t.http.post(`/api/incidents/${incidentId}/actions/block-ip`, {}, lead.headers);
    expect(block.body.action.target).toBe('2001:db8::7');
    const unblock = await t.http.post(`/incidents/${incidentId}/actions/unblock-ip`, {}, lead.headers);
    expect(unblock.body).toMatchObject({ success: true, action: { action_type: 'unblock_ip', inverse_of: block.body.action.id, status: 'completed' } });
    expect(peer.blocked('2001:db8::7')).toBe(false);
    expect((await t.http.get(`/actions/${block.body.action.id}`, lead.headers)).body.status).toBe('reverted');
  });

  it('schedules an unblock durably and lifts it when due', async () => {
    const incidentId = await insertAttackIncident(t.deps, org.orgId, '203.0.113.52');
    await t.http.post(`/incidents/${incidentId}/contain`, {}, lead.headers);
    const scheduled = await t.http.post(`/incidents/${incidentId}/schedule_unblock?minutes=1`, {}, lead.headers);
    expect(scheduled.status).toBe(200);
    expect(scheduled.body).toMatchObject({ status: 'scheduled', minutes: 1 });
    const due = new Date(scheduled.body.due_at).getTime();
    expect(due - Date.now()).toBeGreaterThan(30_000);
    const none = await insertAttackIncident(t.deps, org.orgId, '203.0.113.53');
    expect((await t.http.post(`/incidents/${none}/schedule_unblock?minutes=5`, {}, lead.headers)).status).toBe(409);
  });

  it('says failed, with the firewall’s answer, when the firewall refuses; and unsupported when nothing can act', async () => {
    const incidentId = await insertAttackIncident(t.deps, org.orgId, '203.0.113.54');
    peer.failNext = 1;
    const failed = await t.http.post(`/incidents/${incidentId}/contain`, {}, lead.headers);
    expect(failed.body.status).toBe('failed');
    expect(failed.body.action.status_detail).toContain('HTTP 500');
    expect((await t.http.get(`/api/incidents/${incidentId}`, lead.headers)).body.status).not.toBe('contained');

    const bare = await createTestOrg(t.deps);
    const bareLead = await bare.addUser('soc_lead');
    const other = await insertAttackIncident(t.deps, bare.orgId, '203.0.113.55');
    const unsupported = await t.http.post(`/incidents/${other}/contain`, {}, bareLead.headers);
    expect(unsupported.body.status).toBe('unsupported');
    expect(unsupported.body.detail).toContain('no enforcement point');
    expect((await t.http.get(`/incidents/${other}/block-status`, bareLead.headers)).body).toMatchObject({
      is_blocked: false,
      status: 'unknown',
      source: 'none',
    });
  });
});

describe('host isolation through the host’s agent', () => {
  it('isolates the incident’s host when its agent reports it, reads the status from the agent, and releases it', async () => {
    const agent = await orgWithAgent(t.http, org, 'web-07');
    const incidentId = await insertAttackIncident(t.deps, org.orgId, '203.0.113.90', { type: 'host', value: 'web-07' });
    const isolate = await t.http.post(`/incidents/${incidentId}/actions/isolate-host`, { isolation_level: 'hard', duration_seconds: 3600 }, lead.headers);
    expect(isolate.body).toMatchObject({
      success: false,
      isolation_level: 'hard',
      action: { action_type: 'isolate_host', adapter: 'agent', status: 'acknowledged' },
    });
    expect((await t.http.get(`/incidents/${incidentId}/isolation-status`, lead.headers)).body).toMatchObject({ hostname: 'web-07', is_isolated: false });

    const commands = await t.http.get('/agent/actions', agent.headers);
    expect(commands.body).toEqual([expect.objectContaining({ action_type: 'isolate', status: 'pending' })]);
    const done = await t.http.post(`/agent/actions/${commands.body[0].id}/complete`, { success: true, output: 'interfaces down except vigil' }, agent.headers);
    expect(done.status).toBe(200);
    expect((await t.http.get(`/actions/${isolate.body.action.id}`, lead.headers)).body.status).toBe('completed');
    expect((await t.http.get(`/api/incidents/${incidentId}/isolation-status`, lead.headers)).body).toMatchObject({ is_isolated: true, source: 'agent' });
    expect((await t.http.get(`/api/incidents/${incidentId}`, lead.headers)).body.status).toBe('contained');

    const release = await t.http.post(`/incidents/${incidentId}/actions/un-isolate-host`, {}, lead.headers);
    expect(release.body.action).toMatchObject({ action_type: 'un_isolate_host', inverse_of: isolate.body.action.id, status: 'acknowledged' });
    const releaseCommand = (await t.http.get('/agent/actions', agent.headers)).body[0];
    expect(releaseCommand.action_type).toBe('release');
    await t.http.post(`/agent/actions/${releaseCommand.id}/complete`, { success: true }, agent.headers);
    expect((await t.http.get(`/actions/${isolate.body.action.id}`, lead.headers)).body.status).toBe('reverted');
    expect((await t.http.get(`/incidents/${incidentId}/isolation-status`, lead.headers)).body.is_isolated).toBe(false);
  });

  it('fails honestly when no agent runs on the host', async () => {
    const incidentId = await insertAttackIncident(t.deps, org.orgId, '203.0.113.91', { type: 'host', value: 'nowhere-01' });
    const isolate = await t.http.post(`/incidents/${incidentId}/actions/isolate-host`, {}, lead.headers);
    expect(isolate.body).toMatchObject({ success: false, action: { status: 'failed' } });
    expect(isolate.body.action.status_detail).toContain('no enrolled agent');
  });
});

describe('auto-containment', () => {
  it('blocks the source of each incident the detection creates, through the same path, and records it', async () => {
    expect((await t.http.post('/settings/auto_contain', { enabled: true }, org.admin.headers)).status).toBe(200);
    const { brute } = await seedIncidents(t, org, '203.0.113.70', '192.0.2.70');
    await runDueJobs(t.deps);
    expect(peer.blocked('203.0.113.70')).toBe(true);
    expect(peer.blocked('192.0.2.70')).toBe(true);
    const incident = await t.http.get(`/api/incidents/${brute}`, lead.headers);
    expect(incident.body).toMatchObject({ status: 'contained', auto_contained: true });
    const actions = await t.http.get(`/actions?incident_id=${brute}`, lead.headers);
    expect(actions.body).toEqual([
      expect.objectContaining({ action_type: 'block_ip', source: 'auto_contain', requested_by_type: 'system', status: 'completed' }),
    ]);
  });

  it('does nothing while the switch is off', async () => {
    await seedIncidents(t, org, '203.0.113.71', '192.0.2.71');
    await runDueJobs(t.deps);
    expect(peer.blocked('203.0.113.71')).toBe(false);
    expect((await t.http.get('/actions', lead.headers)).body).toEqual([]);
  });
});

describe('guard rails', () => {
  it('never blocks loopback or the organisation’s protected ranges', async () => {
    const loopback = await insertAttackIncident(t.deps, org.orgId, '127.0.0.1');
    const refused = await t.http.post(`/incidents/${loopback}/contain`, {}, lead.headers);
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toContain('never blocked');

    const put = await fetch(`${t.server.baseUrl}/api/response/settings`, {
      method: 'PUT',
      headers: { ...org.admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ protected_ranges: ['198.51.100.0/24'] }),
    });
    expect(put.status).toBe(200);
    const own = await insertAttackIncident(t.deps, org.orgId, '198.51.100.20');
    const ownRefused = await t.http.post(`/incidents/${own}/actions/block-ip`, {}, lead.headers);
    expect(ownRefused.status).toBe(400);
    expect(ownRefused.body.detail).toContain('protected ranges');
    expect(peer.commands.some((command) => command.ip === '198.51.100.20' || command.ip === '127.0.0.1')).toBe(false);
  });

  it('in dry-run mode records and validates but changes nothing at the firewall', async () => {
    await fetch(`${t.server.baseUrl}/api/response/settings`, {
      method: 'PUT',
      headers: { ...org.admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ dry_run: true }),
    });
    const incidentId = await insertAttackIncident(t.deps, org.orgId, '203.0.113.56');
    const dry = await t.http.post(`/incidents/${incidentId}/contain`, {}, lead.headers);
    expect(dry.body.action).toMatchObject({ dry_run: true, status: 'completed' });
    expect(dry.body.detail).toContain('dry run');
    expect(peer.blocked('203.0.113.56')).toBe(false);
  });

  it('refuses beyond the hourly action budget with a 429', async () => {
    await fetch(`${t.server.baseUrl}/api/response/settings`, {
      method: 'PUT',
      headers: { ...org.admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ max_actions_per_hour: 1 }),
    });
    const first = await insertAttackIncident(t.deps, org.orgId, '203.0.113.57');
    const second = await insertAttackIncident(t.deps, org.orgId, '203.0.113.58');
    expect((await t.http.post(`/incidents/${first}/contain`, {}, lead.headers)).status).toBe(200);
    expect((await t.http.post(`/incidents/${second}/contain`, {}, lead.headers)).status).toBe(429);
  });

  it('refuses a local nftables point unless the operator allowed it (the Vigil host is shared by every tenant)', async () => {
    const refused = await t.http.post('/api/response/enforcement-points', { kind: 'nftables', name: 'this host' }, org.admin.headers);
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain('RESPONSE_NFTABLES_LOCAL');
    const ssh = await t.http.post(
      '/api/response/enforcement-points',
      { kind: 'nftables_ssh', name: 'fw1', config: { host: 'fw1.example.org', username: 'vigil', host_key_sha256: 'SHA256:x' } },
      org.admin.headers,
    );
    expect(ssh.status).toBe(400);
    expect(JSON.stringify(ssh.body)).toContain('config.host_key_sha256');
  });

  it('lets only soc_lead and admin act, and analysts read', async () => {
    const analyst = await org.addUser('analyst');
    const incidentId = await insertAttackIncident(t.deps, org.orgId, '203.0.113.59');
    expect((await t.http.post(`/incidents/${incidentId}/contain`, {}, analyst.headers)).status).toBe(403);
    expect((await t.http.get(`/incidents/${incidentId}/block-status`, analyst.headers)).status).toBe(200);
  });
});

describe('EventSec /actions and /action-logs', () => {
  it('executes a catalogue type, tracks any other by hand, and logs every transition', async () => {
    const executed = await t.http.post('/actions', { action_type: 'block_ip', target: '203.0.113.60', ttl_minutes: 5 }, lead.headers);
    expect(executed.status).toBe(201);
    expect(executed.body).toMatchObject({ executable: true, status: 'completed', ttl_minutes: 5, duration_seconds: 300 });
    expect(peer.blocked('203.0.113.60')).toBe(true);

    const tracked = await t.http.post('/actions', { action_type: 'notify_legal', target: 'case 42', details: { owner: 'ana' } }, lead.headers);
    expect(tracked.body).toMatchObject({ executable: false, status: 'requested', target_kind: 'none', details: { owner: 'ana' } });
    const done = await t.http.patch(`/actions/${tracked.body.id}`, { status: 'completed' }, lead.headers);
    expect(done.body.status).toBe('completed');

    const forced = await t.http.patch(`/actions/${executed.body.id}`, { status: 'failed' }, lead.headers);
    expect(forced.status).toBe(409);
    const lying = await t.http.post('/actions', { action_type: 'block_ip', target: '203.0.113.61', status: 'completed' }, lead.headers);
    expect(lying.status).toBe(400);
    const reverted = await t.http.patch(`/actions/${executed.body.id}`, { status: 'reverted' }, lead.headers);
    expect(reverted.body.status).toBe('reverted');
    expect(peer.blocked('203.0.113.60')).toBe(false);

    const logs = await t.http.get('/action-logs', org.admin.headers);
    expect(logs.status).toBe(200);
    const ofExecuted = logs.body
      .filter((entry: { target_id: number }) => entry.target_id === executed.body.id)
      .map((entry: { parameters: { to: string } }) => entry.parameters.to);
    expect(ofExecuted).toEqual(['reverted', 'completed', 'dispatched', 'requested']);
    expect(
      logs.body.find((entry: { target_id: number; parameters: { to: string } }) => entry.target_id === executed.body.id && entry.parameters.to === 'requested')
        .user_id,
    ).toBe(lead.publicId);
    expect((await t.http.get('/action-logs', lead.headers)).status).toBe(403);
  });

  it('refuses an action type outside the catalogue’s words with a 400 naming the field', async () => {
    const bad = await t.http.post('/actions', { action_type: 'Block IP!', target: 'x' }, lead.headers);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('action_type');
    const badIp = await t.http.post('/actions', { action_type: 'block_ip', target: 'not-an-ip' }, lead.headers);
    expect(badIp.status).toBe(400);
    expect(badIp.body.detail).toContain('target');
  });
});

describe('identity actions on Vigil’s own accounts', () => {
  it('forces a password reset and ends the sessions of the incident’s account', async () => {
    const victim = await org.addUser('analyst');
    const incidentId = await insertAttackIncident(t.deps, org.orgId, '203.0.113.62', { type: 'user', value: victim.email });
    const reset = await t.http.post(`/incidents/${incidentId}/actions/reset-passwords`, {}, lead.headers);
    expect(reset.body).toMatchObject({ success: true });
    expect(reset.body.actions[0]).toMatchObject({ action_type: 'reset_password', adapter: 'identity', status: 'completed' });
    expect((await t.http.get('/api/auth/me', victim.headers)).status).toBe(401);
    const nobody = await insertAttackIncident(t.deps, org.orgId, '203.0.113.63');
    expect((await t.http.post(`/incidents/${nobody}/actions/reset-passwords`, {}, lead.headers)).status).toBe(400);
  });
});
