import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import type { OrgId } from '../../core/database.ts';
import { createAgentAdapter } from '../../services/response/agent-queue/agent-adapter.ts';
import { executeAction, readEnforcement } from '../../services/response/index.ts';
import { createEnrollmentKey, type EnrolledAgent, enrollAgent } from '../../tests/fixtures/agents.ts';
import { createTestOrg, orgServiceContext, type TestOrg, type TestUser } from '../../tests/fixtures/identity.ts';
import type { TestAgentConfig } from '../../tests/fixtures/test-agent.ts';
import { useTestServer } from '../../tests/harness.ts';

const t = useTestServer();
const TEST_AGENT = fileURLToPath(new URL('../../tests/fixtures/test-agent.ts', import.meta.url));

let org: TestOrg;
let lead: TestUser;
let web: EnrolledAgent;
let db: EnrolledAgent;

beforeEach(async () => {
  org = await createTestOrg(t.deps);
  lead = await org.addUser('soc_lead');
  const enrollmentKey = await createEnrollmentKey(t.http, org);
  web = await enrollAgent(t.http, enrollmentKey, 'web-01');
  db = await enrollAgent(t.http, enrollmentKey, 'db-02');
});

type AgentRun = { code: number | null; lines: Record<string, unknown>[] };

/** Runs the test agent process (tests/fixtures/test-agent.ts) until it made `want` reports or gave up. */
function runTestAgent(agent: EnrolledAgent, hostname: string, options: { success?: boolean; want?: number; maxPolls?: number } = {}): Promise<AgentRun> {
  return new Promise((resolve, reject) => {
    const config: TestAgentConfig = {
      url: t.server.baseUrl,
      key: agent.apiKey,
      hostname,
      success: options.success ?? true,
      want: options.want ?? 1,
      pollMs: 50,
      maxPolls: options.maxPolls ?? 100,
    };
    const child = spawn(process.execPath, [TEST_AGENT, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 && code !== 2) reject(new Error(`test agent exited ${code}: ${stderr}`));
      else
        resolve({
          code,
          lines: stdout
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as Record<string, unknown>),
        });
    });
  });
}

function responseAction(orgId: OrgId, id: number) {
  return t.deps.db.selectFrom('response_actions').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirstOrThrow();
}

function transitions(orgId: OrgId, id: number) {
  return t.deps.db
    .selectFrom('response_action_transitions')
    .select(['from_status', 'to_status', 'actor_id', 'actor_type', 'detail'])
    .where('org_id', '=', orgId)
    .where('action_id', '=', id)
    .orderBy('id')
    .execute();
}

async function expireNow(actionId: number): Promise<void> {
  await t.deps.db.updateTable('endpoint_actions').set({ expires_at: sql<Date>`now() - interval '1 second'` }).where('id', '=', actionId).execute();
}

describe('the agent command queue, end to end with a test agent process', () => {
  it('isolates a host: dispatched when queued, completed when the agent reports it, and the endpoint then reads isolated', async () => {
    const queued = await t.http.post('/agent/actions', { endpoint_id: web.agentId, action_type: 'isolate' }, lead.headers);
    expect(queued.status).toBe(200);
    expect(queued.body).toMatchObject({
      endpoint_id: web.agentId,
      hostname: 'web-01',
      action_type: 'isolate',
      status: 'pending',
      completed_at: null,
      output: null,
    });
    const responseId = queued.body.response_action_id as number;
    expect(responseId).toEqual(expect.any(Number));

    // recorded as a response action, handed to the agent, not done
    const dispatched = await responseAction(org.orgId, responseId);
    expect(dispatched).toMatchObject({ action_type: 'isolate_host', target: 'web-01', adapter: 'agent', requested_by: lead.id });
    expect(['dispatched', 'acknowledged']).toContain(dispatched.status);
    expect(dispatched.adapter_reference).toBe(`endpoint_action:${queued.body.id}`);
    expect((await t.http.get(`/endpoints/${web.agentId}`, lead.headers)).body).toMatchObject({ isolated: false, status: 'enrolled' });
    const before = await readEnforcement(orgServiceContext(t.deps, org, lead), 'isolate_host', { kind: 'host', value: 'web-01' }, [
      'isolate_host',
      'un_isolate_host',
    ]);
    expect(before).toMatchObject({ enforced: false, status: 'not_enforced', source: 'agent' });

    // another agent of the organisation sees nothing of it and cannot report it
    expect((await t.http.get('/agent/actions?hostname=web-01', db.headers)).body).toEqual([]);
    const stolen = await t.http.post(`/agent/actions/${queued.body.id}/complete`, { success: true, output: 'not me' }, db.headers);
    expect(stolen.status).toBe(404);
    expect(stolen.body.detail).toBe(`Endpoint action '${queued.body.id}' not found`);

    const run = await runTestAgent(web, 'web-01');
    expect(run.code).toBe(0);
    expect(run.lines).toContainEqual({ reported: queued.body.id, action_type: 'isolate', status: 200, action_status: 'completed' });

    const completed = await responseAction(org.orgId, responseId);
    expect(completed.status).toBe('completed');
    expect(completed.status_detail).toContain('Network interfaces disabled');
    const steps = await transitions(org.orgId, responseId);
    expect(steps.at(-1)).toMatchObject({ to_status: 'completed', actor_type: 'agent', actor_id: expect.any(String) });
    expect(steps.map((step) => step.to_status)).toEqual(expect.arrayContaining(['requested', 'dispatched', 'completed']));

    const endpoint = await t.http.get(`/endpoints/${web.agentId}`, lead.headers);
    expect(endpoint.body).toMatchObject({
      id: web.agentId,
      hostname: 'web-01',
      display_name: 'web-01',
      status: 'isolated',
      agent_status: 'isolated',
      isolated: true,
    });
    expect(endpoint.body.isolated_at).toEqual(expect.any(String));
    const listed = await t.http.get<{ id: number; status: string }[]>('/endpoints', lead.headers);
    expect(listed.body.map((row) => [row.id, row.status])).toEqual([
      [db.agentId, 'enrolled'],
      [web.agentId, 'isolated'],
    ]);
    const after = await readEnforcement(orgServiceContext(t.deps, org, lead), 'isolate_host', { kind: 'host', value: 'web-01' }, [
      'isolate_host',
      'un_isolate_host',
    ]);
    expect(after).toMatchObject({ enforced: true, status: 'enforced' });

    // reporting again changes nothing
    const again = await t.http.post(`/agent/actions/${queued.body.id}/complete`, { success: false, output: 'late' }, web.headers);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'completed', output: 'Network interfaces disabled' });
    expect((await responseAction(org.orgId, responseId)).status).toBe('completed');

    // analysts read the queue
    const history = await t.http.get(`/agent/actions?hostname=WEB-01`, lead.headers);
    expect(history.body).toEqual([
      expect.objectContaining({ id: queued.body.id, status: 'completed', output: 'Network interfaces disabled', response_action_id: responseId }),
    ]);

    // release through the same queue: the isolation is then reverted and the endpoint reads its agent state again
    const release = await t.http.post('/agent/actions', { hostname: 'web-01', action_type: 'release' }, lead.headers);
    expect(release.body).toMatchObject({ action_type: 'release', status: 'pending' });
    expect((await runTestAgent(web, 'web-01')).code).toBe(0);
    expect((await responseAction(org.orgId, release.body.response_action_id)).status).toBe('completed');
    expect((await responseAction(org.orgId, responseId)).status).toBe('reverted');
    expect((await t.http.get(`/endpoints/${web.agentId}`, lead.headers)).body).toMatchObject({ isolated: false, status: 'enrolled' });
  });

  it('fails the response action when the agent reports failure, and the endpoint stays unisolated', async () => {
    const queued = await t.http.post('/agent/actions', { hostname: 'db-02', action_type: 'isolate' }, lead.headers);
    expect(queued.body).toMatchObject({ endpoint_id: db.agentId, status: 'pending' });
    const run = await runTestAgent(db, 'db-02', { success: false });
    expect(run.lines).toContainEqual({ reported: queued.body.id, action_type: 'isolate', status: 200, action_status: 'failed' });
    const failed = await responseAction(org.orgId, queued.body.response_action_id);
    expect(failed.status).toBe('failed');
    expect(failed.status_detail).toContain('permission denied');
    expect((await t.http.get(`/endpoints/${db.agentId}`, lead.headers)).body).toMatchObject({ isolated: false, status: 'enrolled' });
  });

  it('never hands out an expired action: it reads expired, a late report is not recorded, and its response action fails', async () => {
    const queued = await t.http.post('/agent/actions', { endpoint_id: web.agentId, action_type: 'isolate' }, lead.headers);
    const scan = await t.http.post('/agent/actions', { endpoint_id: web.agentId, action_type: 'malware_scan', parameters: { path: '/home' } }, lead.headers);
    await expireNow(queued.body.id);

    const polled = await t.http.get<{ id: number }[]>('/agent/actions', web.headers);
    expect(polled.body.map((action) => action.id)).toEqual([scan.body.id]);
    const failed = await responseAction(org.orgId, queued.body.response_action_id);
    expect(failed.status).toBe('failed');
    expect(failed.status_detail).toContain('expired before the agent reported');
    expect((await transitions(org.orgId, queued.body.response_action_id)).at(-1)).toMatchObject({ actor_type: 'system' });

    const late = await t.http.post(`/agent/actions/${queued.body.id}/complete`, { success: true, output: 'done anyway' }, web.headers);
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ status: 'expired', output: null, completed_at: null });
    expect((await t.http.get(`/endpoints/${web.agentId}`, lead.headers)).body).toMatchObject({ isolated: false });
    const listed = await t.http.get('/agent/actions?status=expired', lead.headers);
    expect(listed.body.map((action: { id: number }) => action.id)).toEqual([queued.body.id]);
  });

  it('expires an action a sweep has not stored yet when the agent reports it late', async () => {
    const scan = await t.http.post('/agent/actions', { endpoint_id: db.agentId, action_type: 'reboot' }, lead.headers);
    await expireNow(scan.body.id);
    const late = await t.http.post(`/agent/actions/${scan.body.id}/complete`, {}, db.headers);
    expect(late.body).toMatchObject({ status: 'expired', output: null });
  });

  it('queues the other commands directly for one agent, audited, with the agent seeing only its own', async () => {
    const reboot = await t.http.post('/agent/actions', { endpoint_id: db.agentId, action_type: 'reboot' }, lead.headers);
    expect(reboot.status).toBe(200);
    expect(reboot.body).toMatchObject({
      endpoint_id: db.agentId,
      action_type: 'reboot',
      status: 'pending',
      response_action_id: null,
      requested_by: lead.id,
      requested_by_type: 'user',
    });
    const command = await t.http.post('/agent/actions', { hostname: 'web-01', action_type: 'command', parameters: { command: 'uptime' } }, lead.headers);
    expect(command.body).toMatchObject({ endpoint_id: web.agentId, parameters: { command: 'uptime' } });
    const triage = await t.http.post('/agent/actions', { endpoint_id: web.agentId, action_type: 'triage_scan' }, lead.headers);
    expect(triage.status).toBe(200);

    // the agent of web-01 asks for db-02's actions, as EventSec's agents could: it gets its own only
    const polled = await t.http.get<{ id: number }[]>('/agent/actions?hostname=db-02', web.headers);
    expect(polled.body.map((action) => action.id)).toEqual([command.body.id, triage.body.id]);
    const byEndpoint = await t.http.get<{ id: number }[]>(`/agent/actions?endpoint_id=${db.agentId}`, lead.headers);
    expect(byEndpoint.body.map((action) => action.id)).toEqual([reboot.body.id]);

    const run = await runTestAgent(web, 'web-01', { want: 2 });
    expect(run.code).toBe(0);
    const all = await t.http.get<{ id: number; status: string; output: string | null }[]>('/agent/actions', lead.headers);
    expect(all.body.map((action) => [action.id, action.status])).toEqual([
      [triage.body.id, 'completed'],
      [command.body.id, 'completed'],
      [reboot.body.id, 'pending'],
    ]);
    const page = await t.http.get<{ id: number }[]>(`/agent/actions?limit=1&before_id=${triage.body.id}`, lead.headers);
    expect(page.body.map((action) => action.id)).toEqual([command.body.id]);

    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('org_id', '=', org.orgId)
      .where('action', '=', 'endpoint_action.requested')
      .execute();
    expect(audit.map((row) => row.target_id).sort()).toEqual([reboot.body.id, command.body.id, triage.body.id].map(String).sort());
  });

  it('refuses what it cannot queue, clearly', async () => {
    const missingCommand = await t.http.post('/agent/actions', { endpoint_id: web.agentId, action_type: 'command' }, lead.headers);
    expect(missingCommand.status).toBe(400);
    expect(missingCommand.body.issues).toEqual([{ path: 'parameters.command', message: expect.any(String) }]);
    expect((await t.http.post('/agent/actions', { hostname: 'nowhere', action_type: 'reboot' }, lead.headers)).body.detail).toBe(
      "No enrolled agent on host 'nowhere'",
    );
    expect((await t.http.post('/agent/actions', { action_type: 'reboot' }, lead.headers)).status).toBe(400);
    expect((await t.http.post('/agent/actions', { endpoint_id: web.agentId, hostname: 'db-02', action_type: 'reboot' }, lead.headers)).status).toBe(400);
    expect((await t.http.post('/agent/actions', { endpoint_id: web.agentId, action_type: 'format_disk' }, lead.headers)).status).toBe(400);

    // permissions: an analyst reads but does not act; an agent pulls but does not create; a user does not report
    const analyst = await org.addUser('analyst');
    expect((await t.http.post('/agent/actions', { endpoint_id: web.agentId, action_type: 'reboot' }, analyst.headers)).status).toBe(403);
    expect((await t.http.get('/agent/actions', analyst.headers)).status).toBe(200);
    expect((await t.http.post('/agent/actions', { endpoint_id: web.agentId, action_type: 'reboot' }, web.headers)).status).toBe(403);
    const queued = await t.http.post('/agent/actions', { endpoint_id: web.agentId, action_type: 'reboot' }, lead.headers);
    const byUser = await t.http.post(`/agent/actions/${queued.body.id}/complete`, {}, org.admin.headers);
    expect(byUser.status).toBe(403);
    expect((await t.http.post(`/agent/actions/${queued.body.id}/complete`, { output: 'x'.repeat(65_537) }, web.headers)).status).toBe(400);
    expect((await t.http.get(`/agent/actions?endpoint_id=${web.agentId}`, lead.headers)).body[0]).toMatchObject({ id: queued.body.id, status: 'pending' });

    // a shared host name needs the endpoint for a direct command
    const twin = await enrollAgent(t.http, await createEnrollmentKey(t.http, org), 'web-01');
    const ambiguous = await t.http.post('/agent/actions', { hostname: 'web-01', action_type: 'reboot' }, lead.headers);
    expect(ambiguous.status).toBe(409);
    expect(ambiguous.body.detail).toContain(String(twin.agentId));
    expect((await t.http.delete(`/api/agents/${twin.agentId}`, org.admin.headers)).status).toBe(200);
    expect((await t.http.post('/agent/actions', { endpoint_id: twin.agentId, action_type: 'reboot' }, lead.headers)).status).toBe(409);
  });

  it('answers 412 with the reason when the organisation runs response in dry run: nothing is queued', async () => {
    await t.deps.db.insertInto('response_settings').values({ org_id: org.orgId, dry_run: true }).execute();
    const dry = await t.http.post('/agent/actions', { endpoint_id: web.agentId, action_type: 'isolate' }, lead.headers);
    expect(dry.status).toBe(412);
    expect(dry.body.detail).toContain('dry run: would queue isolate for the agent on web-01');
    expect((await t.http.get('/agent/actions', lead.headers)).body).toEqual([]);
  });
});

describe('the agent adapter for URL and sender blocks', () => {
  it('pushes a URL block to every live agent and completes it only when the last one reports', async () => {
    const actor = { id: lead.id, type: 'user' };
    const action = await executeAction(t.deps, org.orgId, actor, {
      type: 'block_url',
      target: 'https://evil.example/payload',
      targetField: 'url',
      source: 'manual',
    });
    expect(action.status).toBe('acknowledged');
    const webActions = (await t.http.get('/agent/actions', web.headers)).body;
    const dbActions = (await t.http.get('/agent/actions', db.headers)).body;
    expect(webActions).toEqual([
      expect.objectContaining({ action_type: 'block_url', parameters: { url: 'https://evil.example/payload' }, response_action_id: action.id }),
    ]);
    expect(dbActions).toHaveLength(1);

    await t.http.post(`/agent/actions/${webActions[0].id}/complete`, { output: 'added to hosts file' }, web.headers);
    expect((await responseAction(org.orgId, action.id)).status).toBe('acknowledged');
    const adapter = createAgentAdapter(t.deps.db, org.orgId);
    expect(await adapter.status({ kind: 'url', value: 'https://evil.example/payload' })).toMatchObject({
      enforced: true,
      detail: '1 of 2 agents report https://evil.example/payload blocked',
    });
    await t.http.post(`/agent/actions/${dbActions[0].id}/complete`, { output: 'added to proxy deny list' }, db.headers);
    const done = await responseAction(org.orgId, action.id);
    expect(done.status).toBe('completed');
    expect(done.status_detail).toContain('web-01');
    expect(done.status_detail).toContain('db-02');
  });

  it('answers unsupported when the organisation has no live agent, and failed for a host without one', async () => {
    const empty = await createTestOrg(t.deps);
    const actor = { id: empty.admin.id, type: 'user' };
    const url = await executeAction(t.deps, empty.orgId, actor, {
      type: 'block_sender',
      target: 'phish@evil.example',
      targetField: 'sender',
      source: 'manual',
    });
    expect(url).toMatchObject({ status: 'unsupported' });
    expect(url.status_detail).toContain('no enrolled agent in the organisation');
    const host = await executeAction(t.deps, empty.orgId, actor, { type: 'isolate_host', target: 'ghost-host', targetField: 'hostname', source: 'manual' });
    expect(host).toMatchObject({ status: 'failed' });
    expect(host.status_detail).toContain('no enrolled agent on host ghost-host');
  });
});
