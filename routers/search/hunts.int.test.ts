import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { tryLockHuntRun } from '../../db/repos/hunts.repo.ts';
import { runScheduledHunt } from '../../services/search/index.ts';
import { failedLogin, postMulti } from '../../tests/fixtures/cases.ts';
import { createHunt, huntAlertsOf, huntBody, huntRunsOf, makeDue, runSchedulerMinute } from '../../tests/fixtures/hunts.ts';
import { createTestOrg, type TestOrg } from '../../tests/fixtures/identity.ts';
import { useTestServer } from '../../tests/harness.ts';

const t = useTestServer();

const ATTACKER = '203.0.113.7';
const seedLogins = (org: TestOrg, seconds: number[], ip = ATTACKER) =>
  postMulti(
    t,
    org,
    'cowrie',
    seconds.map((second) => failedLogin(ip, second)),
  );
const auditActions = async (org: TestOrg) =>
  (await t.deps.db.selectFrom('audit_log').select('action').where('org_id', '=', org.orgId).where('action', 'like', 'hunt.%').orderBy('id').execute()).map(
    (row) => row.action,
  );

describe('hunt CRUD', () => {
  it('creates, reads, lists, patches and deletes, auditing every write', async () => {
    const org = await createTestOrg(t.deps);
    const created = await createHunt(t, org, { name: 'Lab attacker', lookback: '2h', mitre: ['t1110.001', 'T1110.001'] });
    expect(created).toMatchObject({
      name: 'Lab attacker',
      description: 'Failed logins from the lab attacker',
      lookback: '2h',
      lookback_seconds: 7200,
      schedule: null,
      schedule_seconds: null,
      severity: 'high',
      mitre: ['T1110.001'],
      enabled: true,
      last_run_at: null,
      next_run_at: null,
    });
    expect(created.created_by).toBe(`user:${org.admin.id}`);
    expect((await t.http.get(`/api/hunts/${created.id}`, org.admin.headers)).body).toEqual(created);
    const other = await createHunt(t, org, { schedule: '1h' });
    expect(other.schedule).toBe('1h');
    expect(Date.parse(other.next_run_at)).toBeLessThanOrEqual(Date.now() + 1000);
    expect((await t.http.get('/api/hunts', org.admin.headers)).body.map((hunt: { id: number }) => hunt.id)).toEqual([created.id, other.id]);
    expect((await t.http.get('/api/hunts?scheduled=true', org.admin.headers)).body.map((hunt: { id: number }) => hunt.id)).toEqual([other.id]);

    const patched = await t.http.patch(`/api/hunts/${created.id}`, { severity: 'Critical', schedule: '30m', description: null }, org.admin.headers);
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ severity: 'critical', schedule: '30m', schedule_seconds: 1800, description: null, name: 'Lab attacker' });
    expect(patched.body.next_run_at).not.toBeNull();
    const paused = await t.http.patch(`/api/hunts/${created.id}`, { enabled: false }, org.admin.headers);
    expect(paused.body).toMatchObject({ enabled: false, schedule: '30m', next_run_at: null });
    const unscheduled = await t.http.patch(`/api/hunts/${other.id}`, { schedule: null }, org.admin.headers);
    expect(unscheduled.body).toMatchObject({ schedule: null, next_run_at: null, enabled: true });

    expect((await t.http.delete(`/api/hunts/${created.id}`, org.admin.headers)).body).toEqual({ success: true, message: "Hunt 'Lab attacker' deleted" });
    expect((await t.http.get(`/api/hunts/${created.id}`, org.admin.headers)).status).toBe(404);
    expect(await auditActions(org)).toEqual(['hunt.created', 'hunt.created', 'hunt.updated', 'hunt.updated', 'hunt.updated', 'hunt.deleted']);
  });

  it('refuses bad input with a 400 naming the field, a taken name with 409, and writes by viewers with 403', async () => {
    const org = await createTestOrg(t.deps);
    const bad = async (over: Record<string, unknown>, path: string) => {
      const response = await t.http.post('/api/hunts', huntBody(over), org.admin.headers);
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(response.body.issues.map((issue: { path: string }) => issue.path)).toContain(path);
      return response.body;
    };
    const syntax = await bad({ query: 'Events | where SrcIp == ' }, 'query');
    expect(syntax.detail).toMatch(/query: SYNTAX_ERROR at line 1, column \d+/);
    expect((await bad({ query: 'NoSuchTable | take 1' }, 'query')).detail).toContain('TABLE_NOT_FOUND');
    expect((await bad({ query: 'Events | where NoSuchField == 1' }, 'query')).detail).toContain('FIELD_NOT_FOUND');
    await bad({ lookback: '1w' }, 'lookback');
    await bad({ lookback: '31d' }, 'lookback');
    await bad({ schedule: '1m' }, 'schedule');
    await bad({ severity: 'urgent' }, 'severity');
    await bad({ mitre: ['T10'] }, 'mitre.0');
    await bad({ name: '  ' }, 'name');

    const first = await createHunt(t, org, { name: 'taken' });
    expect((await t.http.post('/api/hunts', huntBody({ name: 'taken' }), org.admin.headers)).status).toBe(409);
    const patch = await t.http.patch(`/api/hunts/${first.id}`, { query: 'Events | where' }, org.admin.headers);
    expect(patch.status).toBe(400);
    expect(patch.body.issues[0].path).toBe('query');

    const viewer = await org.addUser('viewer');
    expect((await t.http.post('/api/hunts', huntBody(), viewer.headers)).status).toBe(403);
    expect((await t.http.patch(`/api/hunts/${first.id}`, { enabled: false }, viewer.headers)).status).toBe(403);
    expect((await t.http.delete(`/api/hunts/${first.id}`, viewer.headers)).status).toBe(403);
    expect((await t.http.get('/api/hunts', viewer.headers)).status).toBe(200);
    const analyst = await org.addUser('analyst');
    expect((await t.http.post('/api/hunts', huntBody(), analyst.headers)).status).toBe(201);
  });
});

describe('run now', () => {
  it("returns the rows of the organisation's events within the lookback, records the run and raises nothing", async () => {
    const org = await createTestOrg(t.deps);
    await seedLogins(org, [1, 2, 3]);
    await seedLogins(org, [4], '198.51.100.9');
    const hunt = await createHunt(t, org);
    const viewer = await org.addUser('viewer');
    const ran = await t.http.post(`/api/hunts/${hunt.id}/run`, {}, viewer.headers);
    expect(ran.status, JSON.stringify(ran.body)).toBe(200);
    expect(ran.body.result.hits).toHaveLength(3);
    expect(ran.body.result.hits.every((row: { SrcIp: string }) => row.SrcIp === ATTACKER)).toBe(true);
    expect(ran.body.result.fields).toEqual(['EventId', 'SrcIp', 'Action']);
    expect(ran.body.run).toMatchObject({
      hunt_id: hunt.id,
      triggered_by: 'user',
      actor: `user:${viewer.id}`,
      status: 'ok',
      row_count: 3,
      new_row_count: null,
      alert_id: null,
    });
    expect(Date.parse(ran.body.run.window_end) - Date.parse(ran.body.run.window_start)).toBe(86_400_000);
    expect(await huntRunsOf(t, org, hunt.id)).toEqual([ran.body.run]);
    expect((await t.http.get(`/api/hunts/${hunt.id}`, org.admin.headers)).body.last_run_at).not.toBeNull();
    expect(await huntAlertsOf(t.deps, org.orgId)).toEqual([]);
  });

  it('bounds the run to the lookback', async () => {
    const org = await createTestOrg(t.deps);
    await seedLogins(org, [1]); // half an hour ago
    const hunt = await createHunt(t, org, { lookback: '10m' });
    const ran = await t.http.post(`/api/hunts/${hunt.id}/run`, {}, org.admin.headers);
    expect(ran.body.run).toMatchObject({ status: 'ok', row_count: 0 });
    expect(ran.body.result.hits).toEqual([]);
  });
});

describe('scheduled hunts', () => {
  it('raise exactly one alert per run of new rows through the real worker, never twice for the same rows', async () => {
    const org = await createTestOrg(t.deps);
    await seedLogins(org, [1, 2, 3]);
    const hunt = await createHunt(t, org, { schedule: '1h', mitre: ['T1110'] });
    await runSchedulerMinute(t.deps);

    const [alert, ...others] = await huntAlertsOf(t.deps, org.orgId);
    expect(others).toEqual([]);
    expect(alert).toMatchObject({ source: 'hunt', detector: 'hunt', category: 'hunt', severity: 'high', mitre: ['T1110'], status: 'open', incident_id: null });
    expect(alert?.title).toBe(`Hunt: ${hunt.name}`);
    const evidence = alert?.evidence as Array<Record<string, any>>;
    expect(evidence[0]).toEqual({ name: 'hunt_new_rows', observed: 3, threshold: 1, weight: 1 });
    expect(evidence[1]).toMatchObject({ name: 'hunt', hunt_id: hunt.id, query: hunt.query, row_count: 3, new_row_count: 3 });
    expect(evidence.slice(2).map((item) => item.row.SrcIp)).toEqual([ATTACKER, ATTACKER, ATTACKER]);
    const [run] = await huntRunsOf(t, org, hunt.id);
    expect(run).toMatchObject({ triggered_by: 'schedule', actor: null, status: 'ok', row_count: 3, new_row_count: 3, alert_id: Number(alert?.id) });
    const after = (await t.http.get(`/api/hunts/${hunt.id}`, org.admin.headers)).body;
    expect(Date.parse(after.next_run_at) - Date.now()).toBeGreaterThan(50 * 60_000);
    // shown in the alert queue through the alerts API, history naming the hunt
    const listed = (await t.http.get(`/alerts/${alert?.id}`, org.admin.headers)).body;
    expect(listed).toMatchObject({ source: 'hunt', title: `Hunt: ${hunt.name}` });
    const history = await t.deps.db.selectFrom('alert_history').selectAll().where('alert_id', '=', Number(alert?.id)).execute();
    expect(history).toMatchObject([{ actor_type: 'hunt', actor_id: String(hunt.id), kind: 'created' }]);

    // the next slot over the same rows: a run, no second alert
    await runSchedulerMinute(t.deps); // not due yet: nothing
    expect(await huntRunsOf(t, org, hunt.id)).toHaveLength(1);
    await makeDue(t.deps, hunt.id);
    await runSchedulerMinute(t.deps);
    expect(await huntAlertsOf(t.deps, org.orgId)).toHaveLength(1);
    expect((await huntRunsOf(t, org, hunt.id))[0]).toMatchObject({ status: 'ok', row_count: 3, new_row_count: 0, alert_id: null });

    // one new event in the overlapping window: one alert with that row only
    await seedLogins(org, [9]);
    await makeDue(t.deps, hunt.id);
    await runSchedulerMinute(t.deps);
    const alerts = await huntAlertsOf(t.deps, org.orgId);
    expect(alerts).toHaveLength(2);
    const newest = alerts[1]?.evidence as Array<Record<string, any>>;
    expect(newest[0]).toMatchObject({ observed: 1 });
    expect(newest.slice(2)).toHaveLength(1);
    expect((await huntRunsOf(t, org, hunt.id))[0]).toMatchObject({ row_count: 4, new_row_count: 1, alert_id: Number(alerts[1]?.id) });
  });

  it('forget alerted rows once they are older than the lookback and a day', async () => {
    const org = await createTestOrg(t.deps);
    const hunt = await createHunt(t, org, { lookback: '1d' });
    const row = await t.deps.db.selectFrom('hunts').select('id').where('public_id', '=', hunt.id).executeTakeFirstOrThrow();
    await sql`
      insert into hunt_alerted_rows (org_id, hunt_id, row_key, alerted_at)
      values (${org.orgId}, ${row.id}, 'id:old', now() - interval '49 hours'), (${org.orgId}, ${row.id}, 'id:recent', now() - interval '47 hours')`.execute(
      t.deps.db,
    );
    await runSchedulerMinute(t.deps);
    const kept = await t.deps.db.selectFrom('hunt_alerted_rows').select('row_key').where('hunt_id', '=', row.id).execute();
    expect(kept.map((key) => key.row_key)).toEqual(['id:recent']);
  });

  it('do not run while disabled or unscheduled', async () => {
    const org = await createTestOrg(t.deps);
    await seedLogins(org, [1]);
    const disabled = await createHunt(t, org, { schedule: '1h', enabled: false });
    expect(disabled.next_run_at).toBeNull();
    const paused = await createHunt(t, org, { schedule: '1h' });
    await t.http.patch(`/api/hunts/${paused.id}`, { enabled: false }, org.admin.headers);
    const onDemand = await createHunt(t, org);
    await runSchedulerMinute(t.deps);
    for (const hunt of [disabled, paused, onDemand]) expect(await huntRunsOf(t, org, hunt.id)).toEqual([]);
    expect(await huntAlertsOf(t.deps, org.orgId)).toEqual([]);
    // a run queued before the hunt was disabled finds it disabled and does nothing
    const row = await t.deps.db.selectFrom('hunts').select('id').where('public_id', '=', paused.id).executeTakeFirstOrThrow();
    expect(await runScheduledHunt(t.deps, org.orgId, row.id, new Date())).toBeNull();
  });

  it('record a failing query as an error run and raise nothing', async () => {
    const org = await createTestOrg(t.deps);
    await seedLogins(org, [1]);
    const hunt = await createHunt(t, org, { schedule: '1h' });
    // the query compiled when saved; the catalogue it names changed since (simulated by rewriting it in place)
    await sql`update hunts set query = 'Events | where NoSuchColumn == 1' where public_id = ${hunt.id}`.execute(t.deps.db);
    await runSchedulerMinute(t.deps);
    const [run] = await huntRunsOf(t, org, hunt.id);
    expect(run).toMatchObject({ status: 'error', error_type: 'FIELD_NOT_FOUND', row_count: 0, new_row_count: null, alert_id: null });
    expect(run?.error_message).toContain('NoSuchColumn');
    expect(await huntAlertsOf(t.deps, org.orgId)).toEqual([]);
    const now = await t.http.post(`/api/hunts/${hunt.id}/run`, {}, org.admin.headers);
    expect(now.status).toBe(200);
    expect(now.body).toMatchObject({ result: null, run: { status: 'error', error_type: 'FIELD_NOT_FOUND' } });
  });

  it('never run one hunt twice at once: a run finding the lock taken does nothing', async () => {
    const org = await createTestOrg(t.deps);
    await seedLogins(org, [1]);
    const hunt = await createHunt(t, org, { schedule: '1h' });
    const row = await t.deps.db.selectFrom('hunts').select('id').where('public_id', '=', hunt.id).executeTakeFirstOrThrow();
    await t.deps.db.transaction().execute(async (trx) => {
      expect(await tryLockHuntRun(trx, hunt.id)).toBe(true);
      expect(await runScheduledHunt(t.deps, org.orgId, row.id, new Date())).toBeNull();
    });
    expect(await huntRunsOf(t, org, hunt.id)).toEqual([]);
    expect(await runScheduledHunt(t.deps, org.orgId, row.id, new Date())).toMatchObject({ status: 'ok', row_count: 1 });
  });
});
