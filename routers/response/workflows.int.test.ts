import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runWorkflowStep } from '../../services/response/index.ts';
import { type FirewallPeer, startFirewallPeer } from '../../tests/fixtures/firewall-peer.ts';
import { createTestOrg, type TestOrg, type TestUser } from '../../tests/fixtures/identity.ts';
import { insertAttackIncident, runDueJobs } from '../../tests/fixtures/response.ts';
import { useTestServer } from '../../tests/harness.ts';

const SECRET = `whsec_${Buffer.from('workflow-test-secret-0123456789a').toString('base64')}`;
const t = useTestServer({ OUTBOUND_ALLOWLIST: '127.0.0.1' });
let peer: FirewallPeer;
let org: TestOrg;
let lead: TestUser;

beforeAll(async () => {
  peer = await startFirewallPeer(SECRET);
});
afterAll(() => peer.close());
beforeEach(async () => {
  org = await createTestOrg(t.deps);
  lead = await org.addUser('soc_lead');
  await t.http.post('/api/response/enforcement-points', { kind: 'webhook', name: 'fw', config: { url: peer.url }, secret: SECRET }, org.admin.headers);
});

const FINAL = ['completed', 'failed', 'cancelled', 'rejected'];

/** Runs due jobs until the workflow ends; retries are due after their backoff, so this waits on the clock, bounded. */
async function runToEnd(workflowId: string, user: TestUser = lead): Promise<any> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    await runDueJobs(t.deps);
    const status = await t.http.get(`/api/response/workflows/${workflowId}/status`, user.headers);
    if (FINAL.includes(status.body.status) || Date.now() > deadline) return status.body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('workflows', () => {
  it('retries a failing step with backoff, then follows continue_on_failure, and logs every attempt', async () => {
    const incidentId = await insertAttackIncident(t.deps, org.orgId, '203.0.113.80');
    peer.failNext = 2;
    const created = await t.http.post(
      '/api/response/workflows/create',
      {
        incident_id: incidentId,
        playbook_name: 'contain attacker',
        auto_execute: true,
        steps: [
          { action_type: 'block_ip_advanced', parameters: { ip_address: '203.0.113.80' }, max_retries: 1, continue_on_failure: true },
          { action_type: 'block_ip', parameters: { ip: '203.0.113.81' } },
        ],
      },
      lead.headers,
    );
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ success: true, status: 'running', approval_required: false, total_steps: 2 });
    expect(created.body.workflow_id).toMatch(new RegExp(`^wf_${incidentId}_[0-9a-f]{8}$`));

    const done = await runToEnd(created.body.workflow_id);
    expect(done.status).toBe('completed');
    expect(done.steps.map((step: { status: string; attempts: number }) => [step.status, step.attempts])).toEqual([
      ['failed', 2],
      ['completed', 1],
    ]);
    expect(done.success_rate).toBe(0.5);
    expect(done.log.map((entry: { event: string }) => entry.event)).toEqual([
      'created',
      'started',
      'step_started',
      'step_retry',
      'step_started',
      'step_failed',
      'step_started',
      'step_completed',
      'completed',
    ]);
    expect(peer.blocked('203.0.113.80')).toBe(false);
    expect(peer.blocked('203.0.113.81')).toBe(true);
  });

  it('stops at a failed step without continue_on_failure and skips the rest', async () => {
    peer.failNext = 1;
    const created = await t.http.post(
      '/api/response/workflows/create',
      {
        playbook_name: 'strict',
        auto_execute: true,
        steps: [
          { action_type: 'block_ip', parameters: { ip: '203.0.113.82' }, max_retries: 0 },
          { action_type: 'block_ip', parameters: { ip: '203.0.113.83' } },
        ],
      },
      lead.headers,
    );
    const done = await runToEnd(created.body.workflow_id);
    expect(done.status).toBe('failed');
    expect(done.steps.map((step: { status: string }) => step.status)).toEqual(['failed', 'skipped']);
    expect(peer.blocked('203.0.113.83')).toBe(false);
  });

  it('waits for a soc_lead’s approval for a disruptive step; the approver is the caller', async () => {
    const analyst = await org.addUser('analyst');
    const victim = await org.addUser('viewer');
    const created = await t.http.post(
      '/api/response/workflows/create',
      { playbook_name: 'lock out', auto_execute: true, steps: [{ action_type: 'account_disable', parameters: { account: victim.email } }] },
      analyst.headers,
    );
    expect(created.body).toMatchObject({ status: 'awaiting_approval', approval_required: true });
    const id = created.body.workflow_db_id;
    expect((await t.http.post('/api/response/workflows/execute', { workflow_db_id: id }, lead.headers)).status).toBe(409);
    expect((await t.http.post(`/api/response/workflows/${id}/approve`, { approved_by: 'someone-else' }, analyst.headers)).status).toBe(403);
    const approved = await t.http.post(`/api/response/workflows/${id}/approve`, { approved_by: 'someone-else' }, lead.headers);
    expect(approved.body).toMatchObject({ status: 'running', approved_by: lead.id });
    const done = await runToEnd(created.body.workflow_id);
    expect(done.status).toBe('completed');
    expect((await t.http.get('/api/auth/me', victim.headers)).status).toBe(401);

    const other = await t.http.post(
      '/api/response/workflows/create',
      { playbook_name: 'no', steps: [{ action_type: 'disable_account', parameters: { account: victim.email } }] },
      analyst.headers,
    );
    const rejected = await t.http.post(`/api/response/workflows/${other.body.workflow_id}/reject`, { rejection_reason: 'not this one' }, lead.headers);
    expect(rejected.body.status).toBe('rejected');
  });

  it('cancels a running workflow between steps, and runs its rollback plan', async () => {
    const created = await t.http.post(
      '/api/response/workflows/create',
      {
        playbook_name: 'two blocks',
        auto_execute: true,
        steps: [
          { action_type: 'block_ip', parameters: { ip: '203.0.113.84' } },
          { action_type: 'block_ip', parameters: { ip: '203.0.113.85' } },
        ],
      },
      lead.headers,
    );
    await runWorkflowStep(t.deps, org.orgId, created.body.workflow_db_id, 0);
    const cancel = await t.http.post(`/api/response/workflows/${created.body.workflow_id}/cancel`, {}, lead.headers);
    expect(cancel.body).toMatchObject({ status: 'running', cancel_requested: true });
    const done = await runToEnd(created.body.workflow_id);
    expect(done.status).toBe('cancelled');
    expect(done.steps.map((step: { status: string }) => step.status)).toEqual(['completed', 'cancelled']);
    expect(peer.blocked('203.0.113.85')).toBe(false);
    expect(done.rollback_plan).toEqual([{ step_index: 0, action_id: done.steps[0].response_action_id, action_type: 'block_ip', inverse: 'unblock_ip' }]);

    const rolledBack = await t.http.post(`/api/response/workflows/${created.body.workflow_id}/rollback`, {}, lead.headers);
    expect(rolledBack.body.log.at(-1)).toMatchObject({ event: 'rolled_back', detail: expect.stringContaining('completed') });
    expect(peer.blocked('203.0.113.84')).toBe(false);
    expect((await t.http.get(`/actions/${done.steps[0].response_action_id}`, lead.headers)).body.status).toBe('reverted');
  });

  it('keeps a workflow pending until a soc_lead executes it, and a dry run changes nothing at the firewall', async () => {
    const analyst = await org.addUser('analyst');
    const created = await t.http.post(
      '/api/response/workflows/create',
      { playbook_name: 'rehearsal', dry_run: true, steps: [{ action_type: 'block_ip', parameters: { ip: '203.0.113.87' } }] },
      analyst.headers,
    );
    expect(created.body).toMatchObject({ status: 'pending', approval_required: false });
    await runDueJobs(t.deps);
    expect((await t.http.get(`/api/response/workflows/${created.body.workflow_id}/status`, lead.headers)).body.status).toBe('pending');
    expect((await t.http.post('/api/response/workflows/execute', { workflow_db_id: created.body.workflow_db_id }, analyst.headers)).status).toBe(403);
    const started = await t.http.post('/api/response/workflows/execute', { workflow_db_id: created.body.workflow_db_id, executed_by: 'ignored' }, lead.headers);
    expect(started.body.status).toBe('running');
    const done = await runToEnd(created.body.workflow_id);
    expect(done).toMatchObject({ status: 'completed', dry_run: true });
    expect((await t.http.get(`/actions/${done.steps[0].response_action_id}`, lead.headers)).body).toMatchObject({ dry_run: true, status: 'completed' });
    expect(peer.blocked('203.0.113.87')).toBe(false);
    const actions = await t.http.get(`/api/response/workflows/${created.body.workflow_db_id}/actions`, lead.headers);
    expect(actions.body).toMatchObject({ success: true, total_count: 1, actions: [{ action_type: 'block_ip', status: 'completed' }] });
  });

  it('refuses an action type Vigil does not execute, naming the step', async () => {
    const refused = await t.http.post(
      '/api/response/workflows/create',
      { playbook_name: 'x', steps: [{ action_type: 'block_ip' }, { action_type: 'dns_sinkhole' }] },
      lead.headers,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toContain('steps.1.action_type');
  });

  it('executes a single action as a one-step workflow and counts it in the impact metrics', async () => {
    const incidentId = await insertAttackIncident(t.deps, org.orgId, '203.0.113.86');
    const executed = await t.http.post('/api/response/actions/execute', { action_type: 'block_ip', parameters: {}, incident_id: incidentId }, lead.headers);
    expect(executed.body).toMatchObject({ status: 'running', total_steps: 1 });
    expect((await runToEnd(executed.body.workflow_id)).status).toBe('completed');
    expect(peer.blocked('203.0.113.86')).toBe(true);
    const impact = await t.http.get(`/api/response/metrics/impact?incident_id=${incidentId}`, lead.headers);
    expect(impact.body.summary).toMatchObject({ total_attacks_blocked: 1, average_success_rate: 1, metrics_count: 1 });
    expect(impact.body.workflows).toEqual({ completed: 1 });
    const listed = await t.http.get(`/api/response/workflows?incident_id=${incidentId}`, lead.headers);
    expect(listed.body.total_count).toBe(1);
  });
});
