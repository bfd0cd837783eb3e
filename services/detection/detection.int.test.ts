import { runOnce } from 'graphile-worker';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphileLogger } from '../../jobs/log-adapter.ts';
import { buildTaskList } from '../../jobs/registry.ts';
import type { Deps } from '../../server/deps.ts';
import { createTestOrg, orgServiceContext, type TestOrg } from '../../tests/fixtures/identity.ts';
import { createTestDeps } from '../../tests/harness.ts';
import { fileDatabaseUrl } from '../../tests/setup/test-db.ts';
import { deleteOrgAlert } from '../alerts/index.ts';
import { ingestRecords } from '../ingest/index.ts';
import { runDetectionOnce } from './run-detection.service.ts';

let deps: Deps;
beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(async () => {
  await deps.close();
});

const base = Date.UTC(2026, 10, 23, 12, 0, 0);
const failedLogin = (ip: string, second: number, user = 'root') => ({
  eventid: 'cowrie.login.failed',
  timestamp: new Date(base + second * 1000).toISOString(),
  src_ip: ip,
  src_port: 40000 + second,
  dst_port: 22,
  session: `${ip}-${second}`,
  username: user,
  password: `guess${second}`,
});
const ingest = (org: TestOrg, source: 'cowrie' | 'zeek', records: unknown[]) =>
  ingestRecords(orgServiceContext(deps, org), { channel: 'cowrie', source, records });
const detect = (org: TestOrg) => runDetectionOnce(deps, org.orgId, 0);
const incidents = (org: TestOrg) => deps.db.selectFrom('incidents').selectAll().where('org_id', '=', org.orgId).orderBy('id').execute();
const alerts = (org: TestOrg) => deps.db.selectFrom('alerts').selectAll().where('org_id', '=', org.orgId).orderBy('id').execute();

describe('detection over stored events', () => {
  it('six failed logins posted one per request make exactly one brute-force incident; sixty more extend it', async () => {
    const org = await createTestOrg(deps);
    for (let second = 0; second < 6; second++) {
      await ingest(org, 'cowrie', [failedLogin('203.0.113.10', second * 5)]);
      await detect(org);
    }
    const [incident] = await incidents(org);
    expect(await incidents(org)).toHaveLength(1);
    expect(incident).toMatchObject({ threat_category: 'brute_force', src_ip: '203.0.113.10', status: 'open' });
    expect(incident?.ml_confidence).toBeNull();
    expect(incident?.mitre).toContain('T1110.001');
    const evidence = (incident?.risk_evidence ?? []) as { detector: string }[];
    expect(evidence[0]?.detector).toBe('ssh_brute_force');
    const first = await alerts(org);
    const bruteForce = first.filter((alert) => alert.detector === 'ssh_brute_force');
    expect(bruteForce).toHaveLength(1);

    for (let second = 30; second < 90; second++) {
      await ingest(org, 'cowrie', [failedLogin('203.0.113.10', second)]);
      if (second % 10 === 0) await detect(org);
    }
    await detect(org);
    const all = await incidents(org);
    expect(all.map((i) => `${i.threat_category}:${i.title}`)).toEqual([`brute_force:${incident?.title}`]);
    const after = (await alerts(org)).filter((alert) => alert.detector === 'ssh_brute_force');
    expect(after).toHaveLength(1);
    expect(after[0]?.occurrences).toBeGreaterThan(bruteForce[0]?.occurrences ?? 0);
    const linked = await sql<{ n: number }>`select count(*)::int as n from alert_events where alert_id = ${after[0]?.id ?? 0}`.execute(deps.db);
    expect(linked.rows[0]?.n).toBeGreaterThanOrEqual(60);
  });

  it('the same six failures in one request give the same single incident', async () => {
    const org = await createTestOrg(deps);
    await ingest(
      org,
      'cowrie',
      Array.from({ length: 6 }, (_, index) => failedLogin('203.0.113.11', index * 5)),
    );
    await detect(org);
    expect(await incidents(org)).toHaveLength(1);
  });

  it('five failures do not fire, and benign traffic makes nothing', async () => {
    const org = await createTestOrg(deps);
    await ingest(
      org,
      'cowrie',
      Array.from({ length: 5 }, (_, index) => failedLogin('203.0.113.12', index * 5)),
    );
    await ingest(org, 'zeek', [
      {
        _path: 'conn',
        ts: base / 1000,
        uid: 'Cbenign',
        'id.orig_h': '10.0.0.20',
        'id.orig_p': 50000,
        'id.resp_h': '10.0.0.30',
        'id.resp_p': 443,
        proto: 'tcp',
        conn_state: 'SF',
      },
    ]);
    await detect(org);
    expect(await incidents(org)).toHaveLength(0);
    expect(await alerts(org)).toHaveLength(0);
  });

  it('a port scan from another address opens a second incident', async () => {
    const org = await createTestOrg(deps);
    await ingest(
      org,
      'cowrie',
      Array.from({ length: 6 }, (_, index) => failedLogin('203.0.113.13', index)),
    );
    const scan = Array.from({ length: 40 }, (_, port) => ({
      _path: 'conn',
      ts: (base + port * 100) / 1000,
      uid: `Cscan${port}`,
      'id.orig_h': '192.0.2.66',
      'id.orig_p': 61000,
      'id.resp_h': '10.0.0.5',
      'id.resp_p': 20 + port,
      proto: 'tcp',
      conn_state: 'REJ',
    }));
    await ingest(org, 'zeek', scan);
    await detect(org);
    const found = await incidents(org);
    expect(found.map((incident) => incident.threat_category).sort()).toEqual(['brute_force', 'reconnaissance']);
    expect(found.find((incident) => incident.threat_category === 'reconnaissance')?.src_ip).toBe('192.0.2.66');
  });

  it('never feeds a resolved incident: new activity opens a fresh one', async () => {
    const org = await createTestOrg(deps);
    await ingest(
      org,
      'cowrie',
      Array.from({ length: 6 }, (_, index) => failedLogin('203.0.113.15', index)),
    );
    await detect(org);
    const [first] = await incidents(org);
    await deps.db
      .updateTable('incidents')
      .set({ status: 'resolved' })
      .where('id', '=', first?.id ?? 0)
      .execute();
    await ingest(
      org,
      'cowrie',
      Array.from({ length: 6 }, (_, index) => failedLogin('203.0.113.15', 20 + index)),
    );
    await detect(org);
    const all = await incidents(org);
    expect(all.map((incident) => incident.status)).toEqual(['resolved', 'open']);
    const resolvedAlerts = await deps.db
      .selectFrom('alerts')
      .select('id')
      .where('incident_id', '=', first?.id ?? 0)
      .execute();
    expect(resolvedAlerts).toHaveLength(first?.alert_count ?? -1);
  });

  it('counts linked events on the incident, and deleting its only alert empties the roll-up', async () => {
    const org = await createTestOrg(deps);
    await ingest(
      org,
      'cowrie',
      Array.from({ length: 7 }, (_, index) => failedLogin('203.0.113.16', index)),
    );
    await detect(org);
    const [incident] = await incidents(org);
    expect(incident).toMatchObject({ alert_count: 1, event_count: 7 });
    const [alert] = await alerts(org);
    await deleteOrgAlert(orgServiceContext(deps, org), alert?.id ?? 0);
    const [after] = await incidents(org);
    expect(after).toMatchObject({ alert_count: 0, event_count: 0, risk_score: 0 });
    expect(after?.last_seen_at).toEqual(incident?.last_seen_at);
  });

  it('records detector health', async () => {
    const org = await createTestOrg(deps);
    await ingest(
      org,
      'cowrie',
      Array.from({ length: 6 }, (_, index) => failedLogin('203.0.113.14', index)),
    );
    await detect(org);
    const health = await deps.db
      .selectFrom('detector_health')
      .selectAll()
      .where('org_id', '=', org.orgId)
      .where('detector', '=', 'ssh_brute_force')
      .executeTakeFirstOrThrow();
    expect(health).toMatchObject({ events_scanned: 6, matches: 1, errors: 0 });
  });
});

describe('detection under several workers', () => {
  it('two concurrent passes never record an alert twice', async () => {
    const org = await createTestOrg(deps);
    await ingest(
      org,
      'cowrie',
      Array.from({ length: 6 }, (_, index) => failedLogin('203.0.113.20', index)),
    );
    const runs = await Promise.all([detect(org), detect(org), detect(org)]);
    expect(runs.filter((run) => run.status === 'processed')).toHaveLength(1);
    await detect(org);
    expect(await alerts(org)).toHaveLength(1);
    expect(await incidents(org)).toHaveLength(1);
  });

  it('a worker killed mid-pass loses nothing: its work rolls back and the next pass redoes it once', async () => {
    const org = await createTestOrg(deps);
    await ingest(
      org,
      'cowrie',
      Array.from({ length: 6 }, (_, index) => failedLogin('203.0.113.21', index)),
    );
    await deps.db.insertInto('detection_cursors').values({ org_id: org.orgId, last_event_id: 0 }).execute();
    const blocker = new pg.Client({ connectionString: fileDatabaseUrl() });
    await blocker.connect();
    try {
      // Hold the cursor row so the pass stops right before committing, after writing its alert.
      await blocker.query('begin');
      await blocker.query('select * from detection_cursors where org_id = $1 for update', [org.orgId]);
      const pass = detect(org).catch((error: unknown) => error);
      let victim: number | undefined;
      for (let attempt = 0; attempt < 100 && victim === undefined; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        // The pass waiting on the cursor row lock that this connection holds.
        const waiting = await blocker.query<{ pid: number }>('select pid from pg_stat_activity where pg_backend_pid() = any(pg_blocking_pids(pid))');
        victim = waiting.rows[0]?.pid;
      }
      expect(victim).toBeDefined();
      expect(await sql<{ n: number }>`select count(*)::int as n from alerts where org_id = ${org.orgId}`.execute(deps.db).then((r) => r.rows[0]?.n)).toBe(0);
      await blocker.query('select pg_terminate_backend($1)', [victim]);
      expect(await pass).toBeInstanceOf(Error);
      await blocker.query('rollback');
    } finally {
      await blocker.end();
    }
    expect(await alerts(org)).toHaveLength(0);
    await detect(org);
    expect(await alerts(org)).toHaveLength(1);
    expect(await incidents(org)).toHaveLength(1);
  });

  it('ingest enqueues the detection job in its transaction, and graphile-worker runs it', async () => {
    const org = await createTestOrg(deps);
    await ingest(
      org,
      'cowrie',
      Array.from({ length: 6 }, (_, index) => failedLogin('203.0.113.22', index)),
    );
    const jobs = await sql<{
      key: string;
    }>`select key from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'detection__scan_org' and key = ${`detection:${org.orgId}`}`.execute(
      deps.db,
    );
    expect(jobs.rows).toHaveLength(1);
    // Wait out the settle delay instead of reaching into the queue.
    await new Promise((resolve) => setTimeout(resolve, 2600));
    await runOnce({ pgPool: deps.pool, taskList: buildTaskList(deps, deps.logger), logger: graphileLogger(deps.logger) });
    expect(await incidents(org)).toHaveLength(1);
  });

  it('the sweep finds events whose detection job went missing, and a pass picks them up', async () => {
    const org = await createTestOrg(deps);
    await ingest(
      org,
      'cowrie',
      Array.from({ length: 6 }, (_, index) => failedLogin('203.0.113.23', index)),
    );
    await sql`delete from graphile_worker._private_jobs where key = ${`detection:${org.orgId}`}`.execute(deps.db);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await sql`select graphile_worker.add_job('detection__sweep', '{"v":1}'::json)`.execute(deps.db);
    await runOnce({ pgPool: deps.pool, taskList: buildTaskList(deps, deps.logger), logger: graphileLogger(deps.logger) });
    expect(await incidents(org)).toHaveLength(1);
  });
});
