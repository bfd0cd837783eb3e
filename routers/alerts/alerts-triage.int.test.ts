import { describe, expect, it } from 'vitest';
import { enrollAgent, orgWithAgent } from '../../tests/fixtures/agents.ts';
import { ALERT_ACTION_ROUTES, detectorAlertId, reportBody, reportedAlertId } from '../../tests/fixtures/alerts.ts';
import { createTestOrg, createTestUser } from '../../tests/fixtures/identity.ts';
import { useTestServer } from '../../tests/harness.ts';

const t = useTestServer();
const MISSING_USER = '00000000-0000-4000-8000-000000000000';
const issuePaths = (body: { issues?: { path: string }[] }) => (body.issues ?? []).map((issue) => issue.path);

describe('PATCH /alerts/{alert_id}', () => {
  it('triages, keeps every change as history and in the audit log', async () => {
    const org = await createTestOrg(t.deps);
    const analyst = await org.addUser('analyst');
    const alertId = await detectorAlertId(t.deps, org);
    const patched = await t.http.patch(`/alerts/${alertId}`, { status: 'in_progress', assigned_to: analyst.id.toUpperCase() }, analyst.headers);
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id: alertId, status: 'in_progress', assigned_to: analyst.publicId, conclusion: null });
    await t.http.patch(`/alerts/${alertId}`, { status: 'closed', conclusion: 'blocked at the edge', assigned_to: null }, analyst.headers);
    const unchanged = await t.http.patch(`/alerts/${alertId}`, { status: 'closed' }, analyst.headers);
    expect(unchanged.body).toMatchObject({ status: 'closed', assigned_to: null, conclusion: 'blocked at the edge' });

    const history = (await t.http.get(`/alerts/${alertId}`, analyst.headers)).body.history;
    expect(history.map((entry: { changes: object }) => entry.changes)).toEqual([
      { status: { from: 'open', to: 'in_progress' }, assigned_to: { from: null, to: analyst.publicId } },
      {
        status: { from: 'in_progress', to: 'closed' },
        assigned_to: { from: analyst.publicId, to: null },
        conclusion: { from: null, to: 'blocked at the edge' },
      },
    ]);
    const audit = await t.http.get<{ items: { action: string; target_id: string }[] }>('/api/audit?action=alert.updated', org.admin.headers);
    expect(audit.body.items.filter((item) => item.target_id === String(alertId))).toHaveLength(2);
  });

  it('refuses bad values and assignees outside the organisation with a 400 naming the field, never a 500', async () => {
    const org = await createTestOrg(t.deps);
    const other = await createTestOrg(t.deps);
    const viewer = await org.addUser('viewer');
    const alertId = await reportedAlertId(t.http, org);
    const cases: [Record<string, unknown>, string][] = [
      [{ status: 'draft' }, 'status'],
      [{ assigned_to: 42 }, 'assigned_to'],
      [{ assigned_to: 'not-a-uuid' }, 'assigned_to'],
      [{ assigned_to: MISSING_USER }, 'assigned_to'],
      [{ assigned_to: other.admin.id }, 'assigned_to'],
      [{ assigned_to: viewer.id }, 'assigned_to'],
      [{ conclusion: 'x'.repeat(10_001) }, 'conclusion'],
      [{}, '(body)'],
    ];
    for (const [body, field] of cases) {
      const response = await t.http.patch(`/alerts/${alertId}`, body, org.admin.headers);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(issuePaths(response.body), JSON.stringify(body)).toEqual([field]);
    }
    const foreign = await t.http.patch(`/alerts/${alertId}`, { assigned_to: other.admin.id }, org.admin.headers);
    const missing = await t.http.patch(`/alerts/${alertId}`, { assigned_to: MISSING_USER }, org.admin.headers);
    expect(foreign.body.detail).toBe(missing.body.detail);
    expect((await t.http.patch('/alerts/abc', { status: 'open' }, org.admin.headers)).status).toBe(400);
    expect((await t.http.patch('/alerts/99999999', { status: 'open' }, org.admin.headers)).status).toBe(404);
    expect((await t.http.get(`/alerts/${alertId}`, org.admin.headers)).body.history).toHaveLength(1);
  });
});

describe('escalation validation', () => {
  it('answers 400 for a target outside the organisation or unable to work alerts', async () => {
    const org = await createTestOrg(t.deps);
    const other = await createTestOrg(t.deps);
    const viewer = await org.addUser('viewer');
    const alertId = await reportedAlertId(t.http, org);
    for (const target of [MISSING_USER, other.admin.id, viewer.id, 'nope']) {
      const response = await t.http.post(`/alerts/${alertId}/escalate`, { escalated_to: target }, org.admin.headers);
      expect(response.status, target).toBe(400);
      expect(issuePaths(response.body)).toEqual(['escalated_to']);
    }
    expect((await t.http.get(`/alerts/${alertId}`, org.admin.headers)).body).toMatchObject({ assigned_to: null, escalations: [] });
  });
});

describe('DELETE /alerts/{alert_id}', () => {
  it('deletes, audits, and keeps the response actions taken on it without the alert', async () => {
    const org = await createTestOrg(t.deps);
    const alertId = await detectorAlertId(t.deps, org);
    const action = await t.http.post(`/alerts/${alertId}/isolate-device`, { hostname: 'web-01' }, org.admin.headers);
    expect(action.body).toMatchObject({ status: 'failed', target: 'web-01' });
    const deleted = await t.http.delete(`/alerts/${alertId}`, org.admin.headers);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ detail: `Alert ${alertId} deleted` });
    expect((await t.http.get(`/alerts/${alertId}`, org.admin.headers)).status).toBe(404);
    expect((await t.http.delete(`/alerts/${alertId}`, org.admin.headers)).status).toBe(404);
    const kept = await t.deps.db
      .selectFrom('response_actions')
      .select(['alert_id', 'action_type', 'status'])
      .where('id', '=', action.body.action_id)
      .executeTakeFirstOrThrow();
    expect(kept).toEqual({ alert_id: null, action_type: 'isolate_host', status: 'failed' });
    const audit = await t.http.get<{ items: { details: Record<string, unknown> }[] }>('/api/audit?action=alert.deleted', org.admin.headers);
    expect(audit.body.items[0]?.details).toMatchObject({ title: expect.stringContaining('brute force'), source: 'detector' });
  });
});

type AgentCommand = { id: number; action_type: string; parameters: Record<string, unknown>; response_action_id: number | null };

/** What the alert's detail says about its actions, and how its history journals them. */
async function alertActions(alertId: number, headers: Record<string, string>) {
  const detail = await t.http.get(`/alerts/${alertId}`, headers);
  return {
    actions: detail.body.actions as { id: number; action: string; target: string; status: string; status_detail: string | null; source: string }[],
    requested: (detail.body.history as { kind: string; detail: Record<string, unknown> }[]).filter((entry) => entry.kind === 'action_requested'),
  };
}

describe('alert actions', () => {
  it('revoke-session on a Vigil account completes: its sessions end, and the alert, its history and the audit log say so', async () => {
    const org = await createTestOrg(t.deps);
    const lead = await org.addUser('soc_lead');
    const victim = await org.addUser('analyst');
    const alertId = await reportedAlertId(t.http, org, { username: victim.email });
    expect((await t.http.get('/api/auth/me', victim.headers)).status).toBe(200);
    const response = await t.http.post(`/alerts/${alertId}/revoke-session`, undefined, lead.headers);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      detail: `revoke_session ${victim.email} done`,
      action_id: expect.any(Number),
      alert_id: alertId,
      action: 'revoke_session',
      target: victim.email,
      status: 'completed',
      response_action: {
        id: response.body.action_id,
        action_type: 'revoke_session',
        status: 'completed',
        adapter: 'identity',
        alert_id: alertId,
        source: 'alert',
      },
    });
    expect(response.body.response_action.status_detail).toContain('sessions and refresh tokens revoked');
    expect((await t.http.get('/api/auth/me', victim.headers)).status).toBe(401);

    const { actions, requested } = await alertActions(alertId, lead.headers);
    expect(actions).toEqual([
      expect.objectContaining({ id: response.body.action_id, action: 'revoke_session', target: victim.email, status: 'completed', source: 'alert' }),
    ]);
    expect(actions[0]).toMatchObject({ requested_by: lead.publicId, requested_by_type: 'user' });
    expect(requested).toEqual([expect.objectContaining({ detail: { action: 'revoke_session', target: victim.email } })]);
    const audit = await t.http.get<{ items: { target_id: string }[] }>('/api/audit?action=alert.action_requested', org.admin.headers);
    expect(audit.body.items.map((item) => item.target_id)).toEqual([String(alertId)]);
  });

  it('revoke-session on an account outside Vigil is unsupported, with the reason, and changes no Vigil account', async () => {
    const org = await createTestOrg(t.deps);
    const lead = await org.addUser('soc_lead');
    const alertId = await reportedAlertId(t.http, org);
    const response = await t.http.post(`/alerts/${alertId}/revoke-session`, { username: 'bob@outside.example' }, lead.headers);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'unsupported', target: 'bob@outside.example', response_action: { status: 'unsupported' } });
    expect(response.body.detail).toContain('bob@outside.example is not a Vigil account');
    expect((await t.http.get('/api/auth/me', org.admin.headers)).status).toBe(200);
    expect((await alertActions(alertId, lead.headers)).actions).toEqual([expect.objectContaining({ status: 'unsupported' })]);
  });

  it.each(ALERT_ACTION_ROUTES.filter((route) => route.param === 'url' || route.param === 'sender'))(
    '$path without an enrolled agent is unsupported, with the reason',
    async ({ path, action, type, param, value }) => {
      const org = await createTestOrg(t.deps);
      const alertId = await reportedAlertId(t.http, org);
      const response = await t.http.post(`/alerts/${alertId}/${path}`, { [param]: value }, org.admin.headers);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ action, target: value, status: 'unsupported', response_action: { action_type: type, status: 'unsupported' } });
      expect(response.body.detail).toContain('no enrolled agent in the organisation');
      const fromAlert = await t.http.post(`/alerts/${alertId}/${path}`, undefined, org.admin.headers);
      expect(fromAlert.body.target).toBe(reportBody()[param]);
      expect((await alertActions(alertId, org.admin.headers)).actions.map((entry) => entry.id)).toEqual([fromAlert.body.action_id, response.body.action_id]);
    },
  );

  it('block-url with an enrolled agent is acknowledged, the agent is handed the URL, and its report completes it', async () => {
    const org = await createTestOrg(t.deps);
    const lead = await org.addUser('soc_lead');
    const agent = await orgWithAgent(t.http, org, 'mail-relay-01');
    const alertId = await reportedAlertId(t.http, org);
    const response = await t.http.post(`/alerts/${alertId}/block-url`, { url: 'https://evil.example/pay' }, lead.headers);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      action: 'block_url',
      target: 'https://evil.example/pay',
      status: 'acknowledged',
      response_action: { status: 'acknowledged', adapter: 'agent' },
    });
    expect(response.body.detail).toContain('waiting for the enforcement point to report');
    const handed = await t.http.get<AgentCommand[]>('/agent/actions', agent.headers);
    expect(handed.body).toEqual([
      expect.objectContaining({
        action_type: 'block_url',
        parameters: expect.objectContaining({ url: 'https://evil.example/pay' }),
        response_action_id: response.body.action_id,
      }),
    ]);
    const command = handed.body[0] as AgentCommand;
    expect((await t.http.post(`/agent/actions/${command.id}/complete`, { success: true, output: 'added to proxy deny list' }, agent.headers)).status).toBe(200);
    expect((await alertActions(alertId, lead.headers)).actions).toEqual([expect.objectContaining({ id: response.body.action_id, status: 'completed' })]);
  });

  it("isolate-device goes to the agent on the alert's hostname, and only to it", async () => {
    const org = await createTestOrg(t.deps);
    const lead = await org.addUser('soc_lead');
    const laptop = await orgWithAgent(t.http, org, 'laptop-7');
    const other = await enrollAgent(t.http, laptop.enrollmentKey, 'laptop-8');
    const alertId = await reportedAlertId(t.http, org, { hostname: 'LAPTOP-7' });
    const response = await t.http.post(`/alerts/${alertId}/isolate-device`, undefined, lead.headers);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      action: 'isolate_device',
      target: 'laptop-7',
      status: 'acknowledged',
      response_action: { action_type: 'isolate_host', target_kind: 'host', status: 'acknowledged' },
    });
    expect(response.body.response_action.status_detail).toContain('laptop-7');
    const handed = await t.http.get<AgentCommand[]>('/agent/actions', laptop.headers);
    expect(handed.body).toEqual([expect.objectContaining({ action_type: 'isolate', response_action_id: response.body.action_id })]);
    expect((await t.http.get('/agent/actions', other.headers)).body).toEqual([]);
  });

  it("takes the target from EventSec's query string, the JSON body winning", async () => {
    const org = await createTestOrg(t.deps);
    const victim = await org.addUser('analyst');
    const alertId = await reportedAlertId(t.http, org);
    const bodiless = await fetch(`${t.server.baseUrl}/alerts/${alertId}/revoke-session?username=${encodeURIComponent(victim.email)}`, {
      method: 'POST',
      headers: org.admin.headers,
    });
    expect(bodiless.status).toBe(200);
    expect(await bodiless.json()).toMatchObject({ action: 'revoke_session', target: victim.email, status: 'completed' });
    expect((await t.http.get('/api/auth/me', victim.headers)).status).toBe(401);
    const both = await t.http.post(`/alerts/${alertId}/block-sender?sender=query%40evil.example`, { sender: 'body@evil.example' }, org.admin.headers);
    expect(both.body).toMatchObject({ target: 'body@evil.example' });
    const url = await t.http.post(`/alerts/${alertId}/block-url?url=${encodeURIComponent('https://evil.example/q?x=1')}`, undefined, org.admin.headers);
    expect(url.body).toMatchObject({ target: 'https://evil.example/q?x=1' });
    const foreignKey = await t.http.post(`/alerts/${alertId}/block-url?sender=x%40evil.example`, undefined, org.admin.headers);
    expect(foreignKey.body).toMatchObject({ target: reportBody().url });
  });

  it('are response actions: an analyst gets 403 on each (isolating a host included) and nothing is recorded or queued', async () => {
    const org = await createTestOrg(t.deps);
    const analyst = await org.addUser('analyst');
    const agent = await orgWithAgent(t.http, org, 'laptop-7');
    const alertId = await reportedAlertId(t.http, org);
    for (const { path, param, value } of ALERT_ACTION_ROUTES) {
      const refused = await t.http.post(`/alerts/${alertId}/${path}`, { [param]: value }, analyst.headers);
      expect(refused.status, path).toBe(403);
      expect(refused.body.detail).toContain('response:execute');
      expect((await t.http.post(`/alerts/${alertId}/${path}?${param}=${encodeURIComponent(value)}`, undefined, analyst.headers)).status).toBe(403);
    }
    const recorded = await t.deps.db.selectFrom('response_actions').select('id').where('org_id', '=', org.orgId).execute();
    expect(recorded).toEqual([]);
    expect((await t.http.get('/agent/actions', agent.headers)).body).toEqual([]);
    expect(await alertActions(alertId, org.admin.headers)).toEqual({ actions: [], requested: [] });
  });

  it('answers 400 when neither the request nor the alert names a target, or the target is malformed, and journals nothing', async () => {
    const org = await createTestOrg(t.deps);
    const alertId = await detectorAlertId(t.deps, org);
    for (const { path, param } of ALERT_ACTION_ROUTES.filter((route) => route.param !== 'hostname')) {
      const response = await t.http.post(`/alerts/${alertId}/${path}`, {}, org.admin.headers);
      expect(response.status, path).toBe(400);
      expect(issuePaths(response.body)).toEqual([param]);
      expect((await t.http.post(`/alerts/${alertId}/${path}`, { [param]: ' ' }, org.admin.headers)).status).toBe(400);
    }
    for (const [path, body] of [
      ['block-url', { url: 'javascript:alert(1)' }],
      ['block-sender', { sender: 'not a sender' }],
      ['isolate-device', { hostname: 'no such host!' }],
    ] as const) {
      const malformed = await t.http.post(`/alerts/${alertId}/${path}`, body, org.admin.headers);
      expect(malformed.status, path).toBe(400);
      expect(issuePaths(malformed.body)).toEqual(Object.keys(body));
    }
    expect(await alertActions(alertId, org.admin.headers)).toEqual({ actions: [], requested: [] });
  });

  it('answers 404 for an unknown alert and records nothing', async () => {
    const org = await createTestOrg(t.deps);
    for (const { path, param, value } of ALERT_ACTION_ROUTES) {
      expect((await t.http.post(`/alerts/99999999/${path}`, { [param]: value }, org.admin.headers)).status, path).toBe(404);
    }
    expect(await t.deps.db.selectFrom('response_actions').select('id').where('org_id', '=', org.orgId).execute()).toEqual([]);
  });
});

describe('a viewer', () => {
  it('reads the queue but gets 403 on every write', async () => {
    const org = await createTestOrg(t.deps);
    const viewer = await org.addUser('viewer');
    const lead = await createTestUser(t.deps, org.orgId, 'soc_lead');
    const alertId = await reportedAlertId(t.http, org);
    expect((await t.http.get('/alerts', viewer.headers)).status).toBe(200);
    expect((await t.http.get(`/alerts/${alertId}`, viewer.headers)).status).toBe(200);
    const writes = [
      t.http.post('/alerts', { title: 'x', source: 'y', category: 'z' }, viewer.headers),
      t.http.patch(`/alerts/${alertId}`, { status: 'closed' }, viewer.headers),
      t.http.delete(`/alerts/${alertId}`, viewer.headers),
      t.http.post(`/alerts/${alertId}/escalate`, { escalated_to: lead.id }, viewer.headers),
      ...ALERT_ACTION_ROUTES.map(({ path, param, value }) => t.http.post(`/alerts/${alertId}/${path}`, { [param]: value }, viewer.headers)),
    ];
    expect((await Promise.all(writes)).map((response) => response.status)).toEqual(writes.map(() => 403));
    expect((await t.http.get(`/alerts/${alertId}`, viewer.headers)).body).toMatchObject({ status: 'open', actions: [], escalations: [] });
  });
});
