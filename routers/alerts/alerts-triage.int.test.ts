import { describe, expect, it } from 'vitest';
import { ALERT_ACTION_ROUTES, detectorAlertId, reportedAlertId } from '../../tests/fixtures/alerts.ts';
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
  it('deletes, audits, and keeps the recorded actions without the alert', async () => {
    const org = await createTestOrg(t.deps);
    const alertId = await detectorAlertId(t.deps, org);
    const action = await t.http.post(`/alerts/${alertId}/isolate-device`, { hostname: 'web-01' }, org.admin.headers);
    const deleted = await t.http.delete(`/alerts/${alertId}`, org.admin.headers);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ detail: `Alert ${alertId} deleted` });
    expect((await t.http.get(`/alerts/${alertId}`, org.admin.headers)).status).toBe(404);
    expect((await t.http.delete(`/alerts/${alertId}`, org.admin.headers)).status).toBe(404);
    const kept = await t.deps.db.selectFrom('alert_actions').select(['alert_id', 'status']).where('id', '=', action.body.action_id).executeTakeFirstOrThrow();
    expect(kept).toEqual({ alert_id: null, status: 'requested' });
    const audit = await t.http.get<{ items: { details: Record<string, unknown> }[] }>('/api/audit?action=alert.deleted', org.admin.headers);
    expect(audit.body.items[0]?.details).toMatchObject({ title: expect.stringContaining('brute force'), source: 'detector' });
  });
});

describe('alert actions', () => {
  it.each(ALERT_ACTION_ROUTES)('$path records a request and says it is not executed', async ({ path, action, param, value }) => {
    const org = await createTestOrg(t.deps);
    const lead = await org.addUser('soc_lead');
    const alertId = await reportedAlertId(t.http, org);
    const response = await t.http.post(`/alerts/${alertId}/${path}`, { [param]: value }, lead.headers);
    expect(response.status).toBe(202);
    expect(response.body).toEqual({
      detail: `Recorded; no response connector executes ${action} yet`,
      action_id: expect.any(Number),
      alert_id: alertId,
      action,
      target: value,
      status: 'requested',
    });
    const row = await t.deps.db.selectFrom('alert_actions').selectAll().where('id', '=', response.body.action_id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ org_id: org.orgId, action, target: value, status: 'requested', requested_by: lead.id });
    const repeat = await t.http.post(`/alerts/${alertId}/${path}`, { [param]: value }, lead.headers);
    expect(repeat.body).toMatchObject({ action_id: response.body.action_id, detail: expect.stringMatching(/^Already recorded/) });
    const fromAlert = await t.http.post(`/alerts/${alertId}/${path}`, undefined, lead.headers);
    expect(fromAlert.body.target).toBe((await t.http.get(`/alerts/${alertId}`, lead.headers)).body[param]);
    expect((await t.http.get(`/alerts/${alertId}`, lead.headers)).body.actions).toHaveLength(2);
  });

  it('are response actions: an analyst gets 403 on each (isolating a host included) and nothing is recorded', async () => {
    const org = await createTestOrg(t.deps);
    const analyst = await org.addUser('analyst');
    const alertId = await reportedAlertId(t.http, org);
    for (const { path, param, value } of ALERT_ACTION_ROUTES) {
      const refused = await t.http.post(`/alerts/${alertId}/${path}`, { [param]: value }, analyst.headers);
      expect(refused.status, path).toBe(403);
      expect(refused.body.detail).toContain('response:execute');
    }
    const recorded = await t.deps.db.selectFrom('alert_actions').select('id').where('org_id', '=', org.orgId).execute();
    expect(recorded).toEqual([]);
  });

  it('answers 400 when neither the request nor the alert names a target', async () => {
    const org = await createTestOrg(t.deps);
    const alertId = await detectorAlertId(t.deps, org);
    for (const { path, param } of ALERT_ACTION_ROUTES.filter((route) => route.param !== 'hostname')) {
      const response = await t.http.post(`/alerts/${alertId}/${path}`, {}, org.admin.headers);
      expect(response.status, path).toBe(400);
      expect(issuePaths(response.body)).toEqual([param]);
      expect((await t.http.post(`/alerts/${alertId}/${path}`, { [param]: ' ' }, org.admin.headers)).status).toBe(400);
    }
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
