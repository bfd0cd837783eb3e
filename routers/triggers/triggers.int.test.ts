import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { evaluateTriggersContract } from '../../jobs/contracts.ts';
import { enqueue } from '../../jobs/enqueue.ts';
import { ingestRecords } from '../../services/ingest/index.ts';
import { evaluateIncidentTriggers } from '../../services/triggers/index.ts';
import { detect, failedLogin, seedIncidents } from '../../tests/fixtures/cases.ts';
import { createTestOrg, orgServiceContext, type TestOrg } from '../../tests/fixtures/identity.ts';
import { insertAttackIncident } from '../../tests/fixtures/response.ts';
import { createTrigger, firesOf, put, queuedTriggerJobs, runTriggerJobs, send, triggerBody, workflowsOf } from '../../tests/fixtures/triggers.ts';
import { useTestServer } from '../../tests/harness.ts';

const t = useTestServer();

const versionsOf = (triggerId: number) =>
  t.deps.db.selectFrom('workflow_trigger_versions').selectAll().where('trigger_id', '=', triggerId).orderBy('version').execute();

async function manualIncident(org: TestOrg, over: Record<string, unknown> = {}): Promise<number> {
  const created = await t.http.post('/incidents', { title: 'Brute force on ssh', severity: 'high', ...over }, org.admin.headers);
  expect(created.status, JSON.stringify(created.body)).toBeLessThan(300);
  return created.body.id;
}

describe('trigger CRUD', () => {
  it('creates with the documented fields, reads, lists by priority rank, updates with versions, deletes', async () => {
    const org = await createTestOrg(t.deps);
    const low = await createTrigger(t, org, { name: 'low one', priority: 'low' });
    const created = await createTrigger(t, org, {
      name: 'SSH brute force',
      priority: 'CRITICAL',
      expression: 'incident.risk_score >= 0.5',
      tags: ['ssh', 'ssh'],
    });
    expect(created).toMatchObject({
      name: 'SSH brute force',
      description: 'Contain SSH brute force',
      category: 'brute_force',
      enabled: true,
      auto_execute: false,
      priority: 'critical',
      status: 'active',
      conditions: { threat_category: 'brute_force' },
      expression: 'incident.risk_score >= 0.5',
      playbook_name: 'Block brute forcer',
      cooldown_seconds: 0,
      max_triggers_per_day: 100,
      tags: ['ssh'],
      trigger_count: 0,
      success_count: 0,
      failure_count: 0,
      success_rate: 0,
      avg_response_time_ms: 0,
      last_triggered_at: null,
      version: 1,
    });
    expect(created.workflow_steps[0]).toMatchObject({ action_type: 'block_ip', parameters: { ip: '{source_ip}' } });
    expect((await t.http.get(`/api/triggers/${created.id}`, org.admin.headers)).body).toEqual(created);
    // numeric priority order: critical before low although "critical" < "low" as text
    expect((await t.http.get('/api/triggers', org.admin.headers)).body.map((x: { id: number }) => x.id)).toEqual([created.id, low.id]);
    expect((await t.http.get('/api/triggers?enabled=false', org.admin.headers)).body).toEqual([]);

    const updated = await put(
      t,
      `/api/triggers/${created.id}`,
      { conditions: { threat_category: 'brute_force', risk_score_min: 0.3 }, cooldown_seconds: 120 },
      org.admin.headers,
    );
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body).toMatchObject({ version: 2, cooldown_seconds: 120, conditions: { risk_score_min: 0.3 }, name: 'SSH brute force' });
    // the same values again: no new version
    expect((await put(t, `/api/triggers/${created.id}`, { cooldown_seconds: 120 }, org.admin.headers)).body.version).toBe(2);
    const versions = await versionsOf(created.id);
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[0]?.snapshot).toMatchObject({ conditions: { threat_category: 'brute_force' }, cooldown_seconds: 0 });
    expect(versions[1]?.snapshot).toMatchObject({ conditions: { risk_score_min: 0.3 }, cooldown_seconds: 120 });
    expect(versions[1]?.changed_by).toContain(org.admin.id);

    expect((await t.http.delete(`/api/triggers/${created.id}`, org.admin.headers)).body).toEqual({
      success: true,
      message: "Trigger 'SSH brute force' deleted",
    });
    expect((await t.http.get(`/api/triggers/${created.id}`, org.admin.headers)).status).toBe(404);
    expect(await versionsOf(created.id)).toEqual([]);
  });

  it('refuses bad input with a 4xx naming the field', async () => {
    const org = await createTestOrg(t.deps);
    const post = (over: Record<string, unknown>) => t.http.post('/api/triggers', triggerBody(over), org.admin.headers);
    const unknownKey = await post({ conditions: { threat_category: 'x', severity_above: 'high' } });
    expect(unknownKey.status).toBe(400);
    expect(unknownKey.body.issues).toEqual([{ path: 'conditions.severity_above', message: expect.stringContaining("unknown condition key 'severity_above'") }]);
    expect(unknownKey.body.detail).toContain('severity_above');

    const badCel = await post({ expression: 'incident.risk_score >= ' });
    expect(badCel.status).toBe(400);
    expect(badCel.body.issues[0].path).toBe('expression');
    const notBool = await post({ expression: 'incident.title' });
    expect(notBool.body.issues[0]).toEqual({ path: 'expression', message: expect.stringContaining('bool') });

    const unknownAction = await post({ workflow_steps: [{ action_type: 'launch_missiles' }] });
    expect(unknownAction.status).toBe(400);
    expect(unknownAction.body.issues[0].path).toBe('workflow_steps.0.action_type');

    const badWindow = await post({ conditions: { event_type: 'cowrie.login.failed', threshold: 5, window_seconds: 0 } });
    expect(badWindow.body.issues).toEqual([{ path: 'conditions.window_seconds', message: expect.any(String) }]);

    const missing = await t.http.post('/api/triggers', { name: 'x', category: 'c', conditions: {} }, org.admin.headers);
    expect(missing.status).toBe(400);
    expect(missing.body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['playbook_name', 'workflow_steps']);

    const badPriority = await post({ priority: 'urgent' });
    expect(badPriority.status).toBe(400);
    expect(badPriority.body.issues[0].path).toBe('priority');

    await createTrigger(t, org, { name: 'taken' });
    const duplicate = await post({ name: 'taken' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.detail).toContain('name');
    const renamed = await createTrigger(t, org, { name: 'other' });
    expect((await put(t, `/api/triggers/${renamed.id}`, { name: 'taken' }, org.admin.headers)).status).toBe(409);
    // a bad update changes nothing
    expect((await put(t, `/api/triggers/${renamed.id}`, { conditions: { nope: 1 } }, org.admin.headers)).status).toBe(400);
    expect((await t.http.get(`/api/triggers/${renamed.id}`, org.admin.headers)).body.version).toBe(1);
  });

  it('writes are a soc_lead decision; reads are for any member', async () => {
    const org = await createTestOrg(t.deps);
    const analyst = await org.addUser('analyst');
    const lead = await org.addUser('soc_lead');
    const viewer = await org.addUser('viewer');
    expect((await t.http.post('/api/triggers', triggerBody(), analyst.headers)).status).toBe(403);
    expect((await t.http.post('/api/triggers', triggerBody(), lead.headers)).status).toBe(201);
    expect((await t.http.get('/api/triggers', viewer.headers)).body).toHaveLength(1);
  });
});

describe('enable, disable, settings, bulk', () => {
  it('enable/disable flip enabled; settings change auto_execute and priority as a new version', async () => {
    const org = await createTestOrg(t.deps);
    const trigger = await createTrigger(t, org);
    const disabled = await t.http.post(`/api/triggers/${trigger.id}/disable`, {}, org.admin.headers);
    expect(disabled.body).toMatchObject({ success: true, trigger: { enabled: false, status: 'active' } });
    expect((await t.http.post(`/api/triggers/${trigger.id}/enable`, {}, org.admin.headers)).body.trigger.enabled).toBe(true);
    const settings = await t.http.patch(
      `/api/triggers/${trigger.id}/settings`,
      { auto_execute: true, priority: 'Critical', editor: 'alice' },
      org.admin.headers,
    );
    expect(settings.status).toBe(200);
    expect(settings.body).toEqual({
      success: true,
      message: expect.any(String),
      trigger: { id: trigger.id, name: trigger.name, auto_execute: true, priority: 'critical', enabled: true, status: 'active' },
    });
    const versions = await versionsOf(trigger.id);
    expect(versions.at(-1)?.changed_by).toContain('(alice)');
    expect((await t.http.patch(`/api/triggers/${trigger.id}/settings`, { priority: 'urgent' }, org.admin.headers)).status).toBe(400);
  });

  it('bulk pause, resume and archive take a bare JSON array of ids', async () => {
    const org = await createTestOrg(t.deps);
    const one = await createTrigger(t, org);
    const two = await createTrigger(t, org);
    const paused = await send(t, 'POST', '/api/triggers/bulk/pause', JSON.stringify([one.id, two.id, 987_654]), org.admin.headers);
    expect(paused.body).toEqual({ success: true, paused_count: 2, not_found: [987_654] });
    expect((await t.http.get(`/api/triggers/${one.id}`, org.admin.headers)).body).toMatchObject({ enabled: false, status: 'paused' });
    // enabling a paused trigger makes it active again
    expect((await t.http.post(`/api/triggers/${one.id}/enable`, {}, org.admin.headers)).body.trigger).toMatchObject({ enabled: true, status: 'active' });

    const archived = await send(t, 'POST', '/api/triggers/bulk/archive', JSON.stringify([one.id]), org.admin.headers);
    expect(archived.body).toEqual({ success: true, archived_count: 1, not_found: [] });
    expect((await t.http.get(`/api/triggers/${one.id}`, org.admin.headers)).body).toMatchObject({ enabled: false, status: 'archived' });
    expect((await t.http.post(`/api/triggers/${one.id}/enable`, {}, org.admin.headers)).status).toBe(409);
    expect((await t.http.get('/api/triggers?status=archived', org.admin.headers)).body.map((x: { id: number }) => x.id)).toEqual([one.id]);

    const resumed = await t.http.post('/api/triggers/bulk/resume', { ids: [one.id, two.id] }, org.admin.headers);
    expect(resumed.body).toEqual({ success: true, resumed_count: 2, not_found: [] });
    expect((await t.http.get(`/api/triggers/${one.id}`, org.admin.headers)).body).toMatchObject({ enabled: true, status: 'active' });

    const bad = await send(t, 'POST', '/api/triggers/bulk/pause', JSON.stringify([1, 'x']), org.admin.headers);
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe('ids.1');
    expect((await send(t, 'POST', '/api/triggers/bulk/pause', '{}', org.admin.headers)).status).toBe(400);
  });

  it('stats/summary counts the organisation’s triggers and fires', async () => {
    const org = await createTestOrg(t.deps);
    const trigger = await createTrigger(t, org, { auto_execute: true });
    await createTrigger(t, org, { enabled: false });
    await manualIncident(org, { description: 'brute' });
    await t.deps.db.updateTable('incidents').set({ threat_category: 'brute_force' }).where('org_id', '=', org.orgId).execute();
    const [job] = await queuedTriggerJobs(t.deps, org.orgId);
    expect(job).toBeDefined();
    await runTriggerJobs(t.deps);
    expect((await t.http.get('/api/triggers/stats/summary', org.admin.headers)).body).toEqual({
      total_triggers: 2,
      enabled_triggers: 1,
      auto_execute_triggers: 1,
      total_executions: 1,
      total_successes: 1,
      total_failures: 0,
      avg_success_rate: 100,
    });
    expect((await t.http.get(`/api/triggers/${trigger.id}`, org.admin.headers)).body).toMatchObject({ trigger_count: 1, success_count: 1, success_rate: 100 });
  });
});

describe('evaluation on incident changes', () => {
  it('creating an incident queues one evaluation; the match creates its workflow with templated parameters', async () => {
    const org = await createTestOrg(t.deps);
    const trigger = await createTrigger(t, org, { conditions: { escalation_level_min: 'high', pattern_match: 'ssh' } });
    const incidentId = await manualIncident(org);
    expect(await queuedTriggerJobs(t.deps, org.orgId)).toEqual([{ incidentId, change: 'created', changeKey: 'created', v: 1, orgId: org.orgId }]);
    await runTriggerJobs(t.deps);
    const [fire] = await firesOf(t.deps, org.orgId);
    expect(fire).toMatchObject({ trigger_id: trigger.id, incident_id: incidentId, change: 'created', change_key: 'created', outcome: 'fired' });
    const [workflow] = await workflowsOf(t.deps, org.orgId);
    expect(workflow).toMatchObject({
      id: fire?.workflow_id,
      incident_id: incidentId,
      source: 'trigger',
      trigger_id: trigger.id,
      playbook_name: 'Block brute forcer',
      priority: 'high',
    });
    // not auto-executing: it waits for a person
    expect(workflow?.status).not.toBe('running');
    const steps = await t.deps.db.selectFrom('workflow_steps').selectAll().where('workflow_id', '=', Number(workflow?.id)).execute();
    expect(steps[0]?.parameters).toEqual({ ip: '', reason: `Trigger ${trigger.name}: incident #${incidentId} (high)` });
    const after = (await t.http.get(`/api/triggers/${trigger.id}`, org.admin.headers)).body;
    expect(after).toMatchObject({ trigger_count: 1, success_count: 1, failure_count: 0, success_rate: 100 });
    expect(after.last_triggered_at).not.toBeNull();
    expect(after.avg_response_time_ms).toBeGreaterThanOrEqual(0);
    // re-running the same change is a no-op
    await evaluateIncidentTriggers(t.deps, org.orgId, { incidentId, change: 'created', changeKey: 'created' });
    expect(await workflowsOf(t.deps, org.orgId)).toHaveLength(1);
  });

  it('updates and escalations are changes of their own; no evaluation is queued without a live trigger', async () => {
    const org = await createTestOrg(t.deps);
    const incidentId = await manualIncident(org, { severity: 'low' });
    expect(await queuedTriggerJobs(t.deps, org.orgId)).toEqual([]);
    const trigger = await createTrigger(t, org, { conditions: { escalation_level: 'critical' } });
    // each job reads the incident when it runs (normally moments after the change): run them as they come
    expect((await t.http.patch(`/incidents/${incidentId}`, { title: 'renamed' }, org.admin.headers)).status).toBe(200);
    const [updated] = await queuedTriggerJobs(t.deps, org.orgId);
    expect(updated).toMatchObject({ change: 'updated', changeKey: expect.stringMatching(/^updated:\d+$/) });
    await runTriggerJobs(t.deps);
    expect(await firesOf(t.deps, org.orgId)).toEqual([]);
    expect((await t.http.patch(`/incidents/${incidentId}`, { severity: 'critical' }, org.admin.headers)).status).toBe(200);
    const [escalated] = await queuedTriggerJobs(t.deps, org.orgId);
    expect(escalated).toMatchObject({ change: 'escalated', changeKey: expect.stringMatching(/^escalated:\d+$/) });
    await runTriggerJobs(t.deps);
    const fires = await firesOf(t.deps, org.orgId);
    expect(fires.map((fire) => [fire.trigger_id, fire.change, fire.outcome])).toEqual([[trigger.id, 'escalated', 'fired']]);
  });

  it('detection passes queue evaluations for the incidents they create; event_type counts honour window_seconds; source honeypot matches cowrie', async () => {
    const org = await createTestOrg(t.deps);
    const wide = await createTrigger(t, org, {
      name: 'wide',
      conditions: { event_type: 'cowrie.login.failed', threshold: 5, window_seconds: 600, source: 'honeypot' },
    });
    const narrow = await createTrigger(t, org, { name: 'narrow', conditions: { event_type: 'cowrie.login.failed', threshold: 5, window_seconds: 10 } });
    const { brute } = await seedIncidents(t, org);
    const jobs = await queuedTriggerJobs(t.deps, org.orgId);
    expect(jobs.filter((job) => job.incidentId === brute).map((job) => job.change)).toContain('created');
    await runTriggerJobs(t.deps);
    const fires = (await firesOf(t.deps, org.orgId)).filter((fire) => fire.incident_id === brute);
    expect(fires.map((fire) => fire.trigger_id)).toEqual([wide.id]);
    // a later pass rolling more failures into the same incident queues its change (updated, or escalated if its level rose)
    await ingestRecords(orgServiceContext(t.deps, org), {
      channel: 'cowrie',
      source: 'cowrie',
      records: Array.from({ length: 6 }, (_, i) => failedLogin('203.0.113.10', 40 + i * 5)),
    });
    await detect(t, org);
    const rolled = (await queuedTriggerJobs(t.deps, org.orgId)).filter((job) => job.incidentId === brute);
    expect(rolled.map((job) => job.change)).toEqual([expect.stringMatching(/^(updated|escalated)$/)]);
    expect(rolled[0]?.changeKey).toMatch(/^(updated|escalated):\d+$/);
    const simulated = await t.http.post(`/api/triggers/${narrow.id}/simulate`, { incident_id: brute }, org.admin.headers);
    expect(simulated.body.conditions).toEqual([
      { condition: 'event_type', held: false, expected: { event_type: 'cowrie.login.failed', threshold: 5, window_seconds: 10 }, actual: { count: 3 } },
    ]);
  });

  it('fires in numeric priority order, and a refused workflow is a counted failure', async () => {
    const org = await createTestOrg(t.deps);
    const low = await createTrigger(t, org, { name: 'low', priority: 'low' });
    const critical = await createTrigger(t, org, { name: 'critical', priority: 'critical' });
    const medium = await createTrigger(t, org, { name: 'medium', priority: 'medium' });
    // a step that became unknown after it was saved (catalogue change): the fire fails, nothing half-made stays
    await t.deps.db
      .updateTable('workflow_triggers')
      .set({ workflow_steps: JSON.stringify([{ action_type: 'retired_action' }]) })
      .where('id', '=', medium.id)
      .execute();
    const incidentId = await insertAttackIncident(t.deps, org.orgId, '203.0.113.77');
    await t.deps.db.updateTable('incidents').set({ threat_category: 'brute_force' }).where('id', '=', incidentId).execute();
    await evaluateIncidentTriggers(t.deps, org.orgId, { incidentId, change: 'created', changeKey: 'created' });
    const fires = await firesOf(t.deps, org.orgId);
    expect(fires.map((fire) => [fire.trigger_id, fire.outcome])).toEqual([
      [critical.id, 'fired'],
      [medium.id, 'failed'],
      [low.id, 'fired'],
    ]);
    expect(fires[1]?.detail).toContain('retired_action');
    expect(await workflowsOf(t.deps, org.orgId)).toHaveLength(2);
    const failed = (await t.http.get(`/api/triggers/${medium.id}`, org.admin.headers)).body;
    expect(failed).toMatchObject({ trigger_count: 1, success_count: 0, failure_count: 1, success_rate: 0 });
    const workflows = await workflowsOf(t.deps, org.orgId);
    const steps = await t.deps.db.selectFrom('workflow_steps').selectAll().where('workflow_id', '=', Number(workflows[0]?.id)).execute();
    expect(steps[0]?.parameters).toMatchObject({ ip: '203.0.113.77' });
  });
});

describe('exactly once', () => {
  it('two concurrent evaluations of the same change make one fire and one workflow', async () => {
    const org = await createTestOrg(t.deps);
    await createTrigger(t, org, { auto_execute: true });
    const incidentId = await insertAttackIncident(t.deps, org.orgId, '198.51.100.20');
    await t.deps.db.updateTable('incidents').set({ threat_category: 'brute_force' }).where('id', '=', incidentId).execute();
    const request = { incidentId, change: 'updated' as const, changeKey: 'updated:1765100000000' };
    const reports = await Promise.all(Array.from({ length: 4 }, () => evaluateIncidentTriggers(t.deps, org.orgId, request)));
    expect(reports.flatMap((report) => report.results.map((result) => result.outcome)).sort()).toEqual([
      'already_fired',
      'already_fired',
      'already_fired',
      'fired',
    ]);
    expect(await firesOf(t.deps, org.orgId)).toHaveLength(1);
    expect(await workflowsOf(t.deps, org.orgId)).toHaveLength(1);
  });

  it('two graphile-worker runs over duplicated jobs of one change make one fire', async () => {
    const org = await createTestOrg(t.deps);
    const trigger = await createTrigger(t, org);
    const incidentId = await insertAttackIncident(t.deps, org.orgId, '198.51.100.21');
    await t.deps.db.updateTable('incidents').set({ threat_category: 'brute_force' }).where('id', '=', incidentId).execute();
    for (let i = 0; i < 2; i++) {
      await enqueue(t.deps.db, evaluateTriggersContract, { v: 1, orgId: org.orgId, incidentId, change: 'created', changeKey: 'created' });
    }
    expect(await queuedTriggerJobs(t.deps, org.orgId)).toHaveLength(2);
    await Promise.all([runTriggerJobs(t.deps), runTriggerJobs(t.deps)]);
    expect(await queuedTriggerJobs(t.deps, org.orgId)).toEqual([]);
    expect((await firesOf(t.deps, org.orgId)).map((fire) => fire.outcome)).toEqual(['fired']);
    expect(await workflowsOf(t.deps, org.orgId)).toHaveLength(1);
    expect((await t.http.get(`/api/triggers/${trigger.id}`, org.admin.headers)).body.trigger_count).toBe(1);
  });
});

describe('cooldown and daily limit', () => {
  async function incidentFor(org: TestOrg): Promise<number> {
    const id = await insertAttackIncident(t.deps, org.orgId, '192.0.2.40');
    await t.deps.db.updateTable('incidents').set({ threat_category: 'brute_force' }).where('id', '=', id).execute();
    return id;
  }

  it('a second change inside the cooldown does not fire (persisted on the trigger row)', async () => {
    const org = await createTestOrg(t.deps);
    const trigger = await createTrigger(t, org, { cooldown_seconds: 3600 });
    const incidentId = await incidentFor(org);
    await evaluateIncidentTriggers(t.deps, org.orgId, { incidentId, change: 'updated', changeKey: 'updated:1' });
    await evaluateIncidentTriggers(t.deps, org.orgId, { incidentId, change: 'updated', changeKey: 'updated:2' });
    expect((await firesOf(t.deps, org.orgId)).map((fire) => fire.outcome)).toEqual(['fired', 'cooldown']);
    expect(await workflowsOf(t.deps, org.orgId)).toHaveLength(1);
    const simulated = (await t.http.post(`/api/triggers/${trigger.id}/simulate`, { incident_id: incidentId }, org.admin.headers)).body;
    expect(simulated).toMatchObject({ conditions_met: true, would_fire: false, safety_checks: { within_rate_limit: false } });
    expect(simulated.safety_checks.cooldown_remaining_seconds).toBeGreaterThan(3500);
    // once the cooldown has passed (moved back in the database), the next change fires
    await t.deps.db.updateTable('workflow_triggers').set({ last_triggered_at: sql`now() - interval '2 hours'` }).where('id', '=', trigger.id).execute();
    await evaluateIncidentTriggers(t.deps, org.orgId, { incidentId, change: 'updated', changeKey: 'updated:3' });
    expect((await firesOf(t.deps, org.orgId)).map((fire) => fire.outcome)).toEqual(['fired', 'cooldown', 'fired']);
  });

  it('the daily limit holds across changes and incidents', async () => {
    const org = await createTestOrg(t.deps);
    const trigger = await createTrigger(t, org, { max_triggers_per_day: 2 });
    const first = await incidentFor(org);
    const second = await incidentFor(org);
    for (const [incidentId, key] of [
      [first, 'created'],
      [second, 'created'],
      [first, 'updated:9'],
    ] as const) {
      await evaluateIncidentTriggers(t.deps, org.orgId, { incidentId, change: key === 'created' ? 'created' : 'updated', changeKey: key });
    }
    expect((await firesOf(t.deps, org.orgId)).map((fire) => fire.outcome)).toEqual(['fired', 'fired', 'daily_limit']);
    expect((await t.http.get(`/api/triggers/${trigger.id}`, org.admin.headers)).body.trigger_count).toBe(2);
    // a new UTC day resets the count
    await t.deps.db.updateTable('workflow_triggers').set({ fires_day: sql`current_date - 1` }).where('id', '=', trigger.id).execute();
    await evaluateIncidentTriggers(t.deps, org.orgId, { incidentId: second, change: 'updated', changeKey: 'updated:10' });
    expect((await firesOf(t.deps, org.orgId)).at(-1)?.outcome).toBe('fired');
  });
});

describe('simulate', () => {
  it('evaluates against the latest incident by default, says which conditions held, templates the steps and changes nothing', async () => {
    const org = await createTestOrg(t.deps);
    const trigger = await createTrigger(t, org, {
      auto_execute: true,
      conditions: { threat_category: 'brute_force', risk_score_min: 0.9 },
      expression: 'change == "simulation" && incident.src_ip.startsWith("203.")',
    });
    const none = await t.http.post(`/api/triggers/${trigger.id}/simulate`, {}, org.admin.headers);
    expect(none.status).toBe(400);
    expect(none.body.issues[0].path).toBe('incident_id');

    const incidentId = await insertAttackIncident(t.deps, org.orgId, '203.0.113.5');
    await t.deps.db.updateTable('incidents').set({ threat_category: 'brute_force', risk_score: 0.5 }).where('id', '=', incidentId).execute();
    const result = await t.http.post(`/api/triggers/${trigger.id}/simulate`, undefined, org.admin.headers);
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body).toMatchObject({
      trigger_id: trigger.id,
      trigger_name: trigger.name,
      incident_id: incidentId,
      conditions_met: false,
      conditions: [
        { condition: 'threat_category', held: true, actual: 'brute_force' },
        { condition: 'risk_score_min', held: false, expected: 0.9, actual: 0.5 },
      ],
      expression: { held: true, error: null },
      would_fire: false,
      would_execute: false,
      estimated_duration_seconds: 30,
      required_approvals: 0,
      safety_checks: { destructive_actions: [], approval_required: false, within_rate_limit: true },
      problems: [],
    });
    expect(result.body.workflow_steps[0].parameters.ip).toBe('203.0.113.5');

    await t.deps.db.updateTable('incidents').set({ risk_score: 0.95 }).where('id', '=', incidentId).execute();
    const matching = (await t.http.post(`/api/triggers/${trigger.id}/simulate`, { incident_id: incidentId }, org.admin.headers)).body;
    expect(matching).toMatchObject({ conditions_met: true, would_fire: true, would_execute: true });
    expect(await firesOf(t.deps, org.orgId)).toEqual([]);
    expect(await workflowsOf(t.deps, org.orgId)).toEqual([]);
    expect((await t.http.get(`/api/triggers/${trigger.id}`, org.admin.headers)).body.trigger_count).toBe(0);
  });

  it('takes an inline incident (what-if), and answers 404 for an unknown incident id', async () => {
    const org = await createTestOrg(t.deps);
    const trigger = await createTrigger(t, org, { conditions: { escalation_level_min: 'high', event_type: 'cowrie.login.failed', threshold: 3 } });
    const inline = await t.http.post(
      `/api/triggers/${trigger.id}/simulate`,
      { escalation_level: 'critical', src_ip: '10.1.1.1', event_counts: { 'cowrie.login.failed': 4 } },
      org.admin.headers,
    );
    expect(inline.status, JSON.stringify(inline.body)).toBe(200);
    expect(inline.body).toMatchObject({ incident_id: null, conditions_met: true, would_fire: true, would_execute: false });
    const nested = await t.http.post(`/api/triggers/${trigger.id}/simulate`, { incident: { escalation_level: 'medium' } }, org.admin.headers);
    expect(nested.body.conditions.map((c: { held: boolean }) => c.held)).toEqual([false, false]);
    expect((await t.http.post(`/api/triggers/${trigger.id}/simulate`, { incident_id: 987_654 }, org.admin.headers)).status).toBe(404);
  });
});
