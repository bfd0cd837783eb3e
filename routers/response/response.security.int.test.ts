import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FirewallPeer, startFirewallPeer } from '../../tests/fixtures/firewall-peer.ts';
import type { TestOrg } from '../../tests/fixtures/identity.ts';
import { insertAttackIncident } from '../../tests/fixtures/response.ts';
import { useTestServer } from '../../tests/harness.ts';
import { createTwoOrgs, expectHidden } from '../../tests/tenancy.ts';

const SECRET = `whsec_${Buffer.from('tenancy-test-secret-0123456789ab').toString('base64')}`;
const t = useTestServer({ OUTBOUND_ALLOWLIST: '127.0.0.1' });
let peer: FirewallPeer;

beforeAll(async () => {
  peer = await startFirewallPeer(SECRET);
});
afterAll(() => peer.close());

async function withFirewall(org: TestOrg): Promise<number> {
  const point = await t.http.post(
    '/api/response/enforcement-points',
    { kind: 'webhook', name: 'fw', config: { url: peer.url }, secret: SECRET },
    org.admin.headers,
  );
  expect(point.status).toBe(201);
  return point.body.id;
}

/** A's incident from a fresh address, with A's firewall configured. */
async function incidentOfA(a: TestOrg, ip: string): Promise<number> {
  await withFirewall(a);
  return insertAttackIncident(t.deps, a.orgId, ip, { type: 'host', value: 'a-host' });
}

let octet = 10;

/** B posts to A's incident: the 404 of a missing one, and nothing acts. */
function incidentWriteIsHidden(prefix: string, path: string, body: unknown = {}) {
  it("answers 404 for another organisation's incident and acts on nothing", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const ip = `198.18.0.${octet++}`;
    const incidentId = await incidentOfA(a, ip);
    await withFirewall(b);
    const [route, query] = path.split('?');
    await expectHidden((id) => t.http.post(`${prefix}/${id}/${route}${query ? `?${query}` : ''}`, body, b.admin.headers), incidentId);
    expect(peer.commands.some((command) => command.ip === ip)).toBe(false);
    expect((await t.http.get('/actions', a.admin.headers)).body).toEqual([]);
  });
}

function incidentReadIsHidden(prefix: string, path: string) {
  it("answers 404 for another organisation's incident", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const incidentId = await incidentOfA(a, `198.18.1.${octet++}`);
    await expectHidden((id) => t.http.get(`${prefix}/${id}/${path}`, b.admin.headers), incidentId);
  });
}

const RESET = { accounts: ['someone@example.com'] };
describe('response.contain', () => incidentWriteIsHidden('/incidents', 'contain'));
describe('response.containApi', () => incidentWriteIsHidden('/api/incidents', 'contain'));
describe('response.blockIp', () => incidentWriteIsHidden('/incidents', 'actions/block-ip'));
describe('response.blockIpApi', () => incidentWriteIsHidden('/api/incidents', 'actions/block-ip'));
describe('response.unblockIp', () => incidentWriteIsHidden('/incidents', 'actions/unblock-ip'));
describe('response.unblockIpApi', () => incidentWriteIsHidden('/api/incidents', 'actions/unblock-ip'));
describe('response.unblock', () => incidentWriteIsHidden('/incidents', 'unblock'));
describe('response.unblockApi', () => incidentWriteIsHidden('/api/incidents', 'unblock'));
describe('response.isolateHost', () => incidentWriteIsHidden('/incidents', 'actions/isolate-host'));
describe('response.isolateHostApi', () => incidentWriteIsHidden('/api/incidents', 'actions/isolate-host'));
describe('response.unIsolateHost', () => incidentWriteIsHidden('/incidents', 'actions/un-isolate-host'));
describe('response.unIsolateHostApi', () => incidentWriteIsHidden('/api/incidents', 'actions/un-isolate-host'));
describe('response.resetPasswords', () => incidentWriteIsHidden('/incidents', 'actions/reset-passwords', RESET));
describe('response.resetPasswordsApi', () => incidentWriteIsHidden('/api/incidents', 'actions/reset-passwords', RESET));
describe('response.scheduleUnblock', () => incidentWriteIsHidden('/incidents', 'schedule_unblock?minutes=5'));
describe('response.scheduleUnblockApi', () => incidentWriteIsHidden('/api/incidents', 'schedule_unblock?minutes=5'));
describe('response.blockStatus', () => incidentReadIsHidden('/incidents', 'block-status'));
describe('response.blockStatusApi', () => incidentReadIsHidden('/api/incidents', 'block-status'));
describe('response.isolationStatus', () => incidentReadIsHidden('/incidents', 'isolation-status'));
describe('response.isolationStatusApi', () => incidentReadIsHidden('/api/incidents', 'isolation-status'));

async function actionOfA(a: TestOrg): Promise<number> {
  await withFirewall(a);
  const created = await t.http.post('/actions', { action_type: 'block_ip', target: `198.18.2.${octet++}` }, a.admin.headers);
  expect(created.status).toBe(201);
  return created.body.id;
}

describe('response.listActions', () => {
  it("never lists another organisation's actions", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await actionOfA(a);
    expect((await t.http.get('/actions', b.admin.headers)).body).toEqual([]);
  });
});

describe('response.createAction', () => {
  it("cannot attach an action to another organisation's incident, and acts only at the caller's points", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const incidentId = await incidentOfA(a, '198.18.3.1');
    const attached = await t.http.post('/actions', { action_type: 'notify_legal', target: 'x', incident_id: incidentId }, b.admin.headers);
    expect(attached.status).toBe(404);
    const unsupported = await t.http.post('/actions', { action_type: 'block_ip', target: '198.18.3.2' }, b.admin.headers);
    expect(unsupported.body.status).toBe('unsupported');
    expect(peer.blocked('198.18.3.2')).toBe(false);
  });
});

describe('response.getAction', () => {
  it("answers 404 for another organisation's action", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await expectHidden((id) => t.http.get(`/actions/${id}`, b.admin.headers), await actionOfA(a));
  });
});

describe('response.updateAction', () => {
  it("answers 404 for another organisation's action and leaves it alone", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const actionId = await actionOfA(a);
    await expectHidden((id) => t.http.patch(`/actions/${id}`, { status: 'reverted' }, b.admin.headers), actionId);
    expect((await t.http.get(`/actions/${actionId}`, a.admin.headers)).body.status).toBe('completed');
  });
});

describe('response.actionLogs', () => {
  it("never shows another organisation's transitions", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await actionOfA(a);
    expect((await t.http.get('/action-logs', b.admin.headers)).body).toEqual([]);
  });
});

describe('response.listEnforcementPoints', () => {
  it("never lists another organisation's points", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await withFirewall(a);
    expect((await t.http.get('/api/response/enforcement-points', b.admin.headers)).body).toEqual([]);
  });
});

describe('response.createEnforcementPoint', () => {
  it('adds the point to the caller’s organisation only', async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await withFirewall(b);
    expect((await t.http.get('/api/response/enforcement-points', a.admin.headers)).body).toEqual([]);
  });
});

describe('response.updateEnforcementPoint', () => {
  it("answers 404 for another organisation's point", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await expectHidden((id) => t.http.patch(`/api/response/enforcement-points/${id}`, { enabled: false }, b.admin.headers), await withFirewall(a));
  });
});

describe('response.deleteEnforcementPoint', () => {
  it("answers 404 for another organisation's point and keeps it", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const pointId = await withFirewall(a);
    await expectHidden((id) => t.http.delete(`/api/response/enforcement-points/${id}`, b.admin.headers), pointId);
    expect((await t.http.get('/api/response/enforcement-points', a.admin.headers)).body).toHaveLength(1);
  });
});

async function putSettings(org: TestOrg, body: unknown) {
  return fetch(`${t.server.baseUrl}/api/response/settings`, {
    method: 'PUT',
    headers: { ...org.admin.headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('response.getSettings', () => {
  it("never reads another organisation's guard rails", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await putSettings(a, { protected_ranges: ['10.9.0.0/16'], dry_run: true });
    expect((await t.http.get('/api/response/settings', b.admin.headers)).body).toEqual({ protected_ranges: [], dry_run: false, max_actions_per_hour: 120 });
  });
});

describe('response.putSettings', () => {
  it("changes only the caller's guard rails", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    expect((await putSettings(b, { dry_run: true })).status).toBe(200);
    expect((await t.http.get('/api/response/settings', a.admin.headers)).body.dry_run).toBe(false);
  });
});

describe('response.catalogue', () => {
  it("says executable only for the caller's own enforcement points", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await withFirewall(a);
    expect((await t.http.get('/api/response/actions?category=network', a.admin.headers)).body.actions.block_ip.executable).toBe(true);
    expect((await t.http.get('/api/response/actions?category=network', b.admin.headers)).body.actions.block_ip.executable).toBe(false);
  });
});

describe('response.executeAction', () => {
  it("answers 404 for another organisation's incident", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const incidentId = await incidentOfA(a, '198.18.4.1');
    await expectHidden(
      (id) => t.http.post('/api/response/actions/execute', { action_type: 'block_ip', parameters: {}, incident_id: id }, b.admin.headers),
      incidentId,
    );
  });
});

describe('response.createWorkflow', () => {
  it("answers 404 for another organisation's incident", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const incidentId = await incidentOfA(a, '198.18.4.2');
    await expectHidden(
      (id) => t.http.post('/api/response/workflows/create', { incident_id: id, playbook_name: 'x', steps: [{ action_type: 'block_ip' }] }, b.admin.headers),
      incidentId,
    );
  });
});

async function workflowOfA(a: TestOrg): Promise<{ id: number; workflowId: string }> {
  const created = await t.http.post(
    '/api/response/workflows/create',
    { playbook_name: 'a-secret', steps: [{ action_type: 'disable_account', parameters: { account: 'x@example.com' } }] },
    a.admin.headers,
  );
  expect(created.status).toBe(200);
  return { id: created.body.workflow_db_id, workflowId: created.body.workflow_id };
}

describe('response.executeWorkflow', () => {
  it("answers 404 for another organisation's workflow", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await expectHidden((id) => t.http.post('/api/response/workflows/execute', { workflow_db_id: id }, b.admin.headers), (await workflowOfA(a)).id);
  });
});

describe('response.listWorkflows', () => {
  it("never lists another organisation's workflows", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await workflowOfA(a);
    expect((await t.http.get('/api/response/workflows', b.admin.headers)).body.workflows).toEqual([]);
  });
});

function workflowCommandIsHidden(method: 'get' | 'post', path: string) {
  it("answers 404 for another organisation's workflow, by either id, and leaves it alone", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const workflow = await workflowOfA(a);
    const call = (id: number | string) =>
      method === 'get'
        ? t.http.get(`/api/response/workflows/${id}/${path}`, b.admin.headers)
        : t.http.post(`/api/response/workflows/${id}/${path}`, {}, b.admin.headers);
    await expectHidden(call, workflow.id);
    expect((await call(workflow.workflowId)).status).toBe(404);
    expect((await t.http.get(`/api/response/workflows/${workflow.id}/status`, a.admin.headers)).body.status).toBe('awaiting_approval');
  });
}

describe('response.workflowStatus', () => workflowCommandIsHidden('get', 'status'));
describe('response.workflowActions', () => workflowCommandIsHidden('get', 'actions'));
describe('response.cancelWorkflow', () => workflowCommandIsHidden('post', 'cancel'));
describe('response.approveWorkflow', () => workflowCommandIsHidden('post', 'approve'));
describe('response.rejectWorkflow', () => workflowCommandIsHidden('post', 'reject'));
describe('response.rollbackWorkflow', () => workflowCommandIsHidden('post', 'rollback'));

describe('response.impactMetrics', () => {
  it("never counts another organisation's actions", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await actionOfA(a);
    expect((await t.http.get('/api/response/metrics/impact', b.admin.headers)).body.summary.metrics_count).toBe(0);
  });
});
