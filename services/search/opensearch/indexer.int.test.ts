import { runOnce } from 'graphile-worker';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OrgServiceContext } from '../../../core/context.ts';
import { parseKql } from '../../../engines/kql/index.ts';
import { graphileLogger } from '../../../jobs/log-adapter.ts';
import { buildTaskList } from '../../../jobs/registry.ts';
import type { Deps } from '../../../server/deps.ts';
import { createTestOrg, orgServiceContext, type TestOrg } from '../../../tests/fixtures/identity.ts';
import { type OpenSearchPeer, startOpenSearchPeer } from '../../../tests/fixtures/opensearch-peer.ts';
import { createTestDeps } from '../../../tests/harness.ts';
import { checkReadiness } from '../../system/readiness.service.ts';
import { closeOpenSearchClients, openSearchClient, openSearchSettings } from './client.ts';
import { runIndexPass } from './index-events.service.ts';
import { deleteExpiredEventIndices, forgetInstalledTemplates } from './index-lifecycle.ts';
import { runSearchIndexer } from './indexer.service.ts';
import { runOpenSearchKql } from './run-opensearch-kql.ts';

let peer: OpenSearchPeer;
let deps: Deps;
let org: TestOrg;
let other: TestOrg;
let counter = 0;

const noWait = { bulk: { attempts: 3, backoffMs: 0, sleep: async () => {} } };

beforeAll(async () => {
  peer = await startOpenSearchPeer();
  deps = await createTestDeps({
    SEARCH_BACKEND: 'opensearch',
    OPENSEARCH_URL: peer.url,
    OPENSEARCH_INDEX_PREFIX: 'vigil-test',
    OPENSEARCH_INDEX_REPLICAS: '0',
  });
  org = await createTestOrg(deps);
  other = await createTestOrg(deps);
});

afterAll(async () => {
  await closeOpenSearchClients();
  await deps?.close();
  await peer?.close();
});

beforeEach(() => {
  peer.rejectBulk = 0;
  peer.failItems.clear();
  peer.searchAnswer = null;
});

/** Stores events the way ingest does: one multi-row statement (the archive partition takes any day). */
async function storeEvents(
  target: TestOrg,
  count: number,
  at = new Date(Date.now() - 60_000),
  message = 'Failed password for root from 203.0.113.7',
): Promise<number[]> {
  const rows = Array.from({ length: count }, () => {
    counter += 1;
    return sql`(${target.orgId}::uuid, ${at}, 'honeypot', 'cowrie', 'auth', 'authentication', 'login', 'failure', 2, '203.0.113.7'::inet, 'root', ${message}, ${`dedup-${counter}`})`;
  });
  const result = await sql<{ id: string }>`
    insert into events (org_id, occurred_at, channel, source_kind, kind, category, action, outcome, severity, src_ip, user_name, message, dedup_key)
    values ${sql.join(rows)} returning id`.execute(deps.db);
  return result.rows.map((row) => Number(row.id));
}

const documents = () => [...peer.indices.values()].flatMap((index) => [...index.entries()]);
const outbox = async () =>
  (
    await sql<{ event_ids: string[]; attempts: number; given_up: boolean; last_error: string | null }>`
    select event_ids::text[] as event_ids, attempts, next_attempt_at = 'infinity' as given_up, last_error from search_outbox order by id`.execute(deps.db)
  ).rows;
const indexer = () => runSearchIndexer(deps, noWait);
const settings = () => openSearchSettings(deps.config) ?? expect.fail('opensearch settings');

describe('OpenSearch indexing through the outbox', () => {
  it('installs the template, backfills events stored before the switch, then indexes every new insert once', async () => {
    const before = await storeEvents(org, 3);
    expect(await outbox()).toEqual([]); // the trigger is off until the indexer switches it on

    const first = await indexer();
    expect(first).toMatchObject({ backend: 'opensearch', indexed: 3, failed: 0 });
    expect(peer.templates.get('vigil-test-events')).toMatchObject({ index_patterns: ['vigil-test-*'] });

    const after = await storeEvents(org, 2);
    expect((await outbox()).map((row) => row.event_ids.map(Number))).toEqual([after]);
    expect(await indexer()).toMatchObject({ indexed: 2 });
    expect(await outbox()).toEqual([]);

    const ids = documents().map(([id]) => Number(id));
    expect(ids.sort((a, b) => a - b)).toEqual([...before, ...after]);
    const [, document] = documents()[0] ?? [];
    expect(document).toMatchObject({ org_id: org.orgId, src_ip: '203.0.113.7', severity: 2, severity_name: 'medium', user_name: 'root' });
  });

  it('re-sending after a crash before the commit overwrites the same documents', async () => {
    const ids = await storeEvents(org, 2);
    const count = documents().length;
    await indexer();
    // the outbox row as it was before the (lost) commit
    await sql`insert into search_outbox (org_id, op, event_ids, occurred_ats)
      select org_id, 'index', array_agg(id order by id), array_agg(occurred_at order by id) from events where id = any(${ids.map(String)}::bigint[]) group by org_id`.execute(
      deps.db,
    );
    await indexer();
    expect(documents().length).toBe(count + 2);
    expect(await outbox()).toEqual([]);
  });

  it('retries a bulk request the cluster answers 429, with backoff, and loses nothing', async () => {
    const ids = await storeEvents(org, 2);
    peer.rejectBulk = 1;
    const requests = peer.bulkRequests;
    expect(await indexer()).toMatchObject({ indexed: 2, failed: 0 });
    expect(peer.bulkRequests - requests).toBe(2);
    expect(documents().map(([id]) => Number(id))).toEqual(expect.arrayContaining(ids));
  });

  it('stops and keeps the outbox when the cluster keeps refusing, then catches up', async () => {
    const ids = await storeEvents(org, 1);
    peer.rejectBulk = 3;
    await expect(indexer()).rejects.toThrow(/429/);
    expect((await outbox()).map((row) => row.event_ids.map(Number))).toEqual([ids]);
    await indexer();
    expect(await outbox()).toEqual([]);
  });

  it('keeps only the failed items of a bulk: a 429 item is retried later, a mapping error is given up and recorded', async () => {
    const [retried, rejected, fine] = await storeEvents(org, 3);
    peer.failItems.set(String(retried), { status: 429, times: 1 });
    peer.failItems.set(String(rejected), { status: 400, times: 1 });
    expect(await runIndexPass({ db: deps.db, logger: deps.logger, client: openSearchClient(peer.url), settings: settings(), ...noWait })).toMatchObject({
      indexed: 1,
      failed: 2,
    });
    expect(documents().some(([id]) => id === String(fine))).toBe(true);
    const rows = await outbox();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ event_ids: [String(retried), String(rejected)], attempts: 1, given_up: false });
    expect(rows[0]?.last_error).toContain('429');

    await sql`update search_outbox set next_attempt_at = now()`.execute(deps.db); // its retry time has come
    peer.failItems.set(String(rejected), { status: 400, times: 1 });
    await indexer();
    expect(documents().some(([id]) => id === String(retried))).toBe(true);
    const [kept] = await outbox();
    expect(kept).toMatchObject({ event_ids: [String(rejected)], given_up: true });
    await sql`delete from search_outbox`.execute(deps.db);
  });

  it('removes the document of a deleted event', async () => {
    const [id] = await storeEvents(org, 1);
    await indexer();
    expect(documents().some(([doc]) => doc === String(id))).toBe(true);
    await sql`delete from events where id = ${id}`.execute(deps.db);
    expect(await indexer()).toMatchObject({ deleted: 1 });
    expect(documents().some(([doc]) => doc === String(id))).toBe(false);
  });

  it('skips events dated before the retention horizon instead of creating indices retention would delete', async () => {
    await storeEvents(org, 1, new Date(Date.now() - 400 * 86_400_000));
    expect(await indexer()).toMatchObject({ indexed: 0, skipped: 1 });
    expect(await outbox()).toEqual([]);
  });

  it('runs as a graphile-worker job queued by the insert itself', async () => {
    await sql`delete from graphile_worker._private_jobs`.execute(deps.db);
    const ids = await storeEvents(other, 2);
    const jobs = await sql<{ task_identifier: string }>`select task_identifier from graphile_worker.jobs where key = 'search:index'`.execute(deps.db);
    expect(jobs.rows).toEqual([{ task_identifier: 'search__index_events' }]);
    await sql`update graphile_worker._private_jobs set run_at = now()`.execute(deps.db);
    await runOnce({
      pgPool: deps.pool,
      taskList: buildTaskList(deps, deps.logger),
      logger: graphileLogger(deps.logger),
      preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
    });
    expect(documents().map(([id]) => Number(id))).toEqual(expect.arrayContaining(ids));
  });
});

describe('OpenSearch index retention and health', () => {
  it('deletes the daily indices older than the retention horizon, and only ours', async () => {
    const now = new Date('2026-12-10T12:00:00Z');
    for (const name of ['vigil-test-2026.11.01', 'vigil-test-2026.11.09', 'vigil-test-2026.11.10', 'vigil-test-2026.12.10', 'vigil-test-other'])
      peer.indices.set(name, new Map());
    const deleted = await deleteExpiredEventIndices(openSearchClient(peer.url), settings(), now);
    // 30 days: the horizon is 2026-11-10, the first day kept
    expect(deleted).toEqual(['vigil-test-2026.11.01', 'vigil-test-2026.11.09']);
    expect(peer.indices.has('vigil-test-2026.11.10')).toBe(true);
    expect(peer.indices.has('vigil-test-other')).toBe(true);
  });

  it('reports the cluster health in readiness, and fails it when red', async () => {
    await sql`insert into worker_heartbeats (worker_id, hostname, pid, last_seen_at) values ('os-test', 'here', 1, now())
      on conflict (worker_id) do update set last_seen_at = now()`.execute(deps.db);
    peer.health = 'yellow';
    expect(await checkReadiness(deps.db, deps.searchProbe)).toMatchObject({ status: 'ok', opensearch: 'ok', opensearch_health: 'yellow' });
    peer.health = 'red';
    expect(await checkReadiness(deps.db, deps.searchProbe)).toMatchObject({ status: 'fail', opensearch: 'fail', opensearch_health: 'red' });
    peer.health = 'green';
  });
});

describe('runOpenSearchKql', () => {
  const ctx = (target: TestOrg): OrgServiceContext => orgServiceContext(deps, target);
  const window = () => ({ startTime: new Date(Date.now() - 3_600_000), endTime: new Date(Date.now() + 60_000) });

  it('answers in the KqlRunResult shape, names the backend, and sees only the caller organisation', async () => {
    forgetInstalledTemplates();
    await storeEvents(other, 1, new Date(Date.now() - 120_000), 'other tenant');
    await indexer();
    const text = 'Events | where Outcome == "failure" | project TimeGenerated, SrcIp, UserName, Message | take 3';
    const result = await runOpenSearchKql(ctx(org), { text, query: parseKql(text), ...window(), maxRows: 100 });
    expect(result).toMatchObject({
      query: text,
      index: 'opensearch:vigil-test-*',
      fields: ['TimeGenerated', 'SrcIp', 'UserName', 'Message'],
      truncated: false,
    });
    expect(result.columns).toEqual([
      { name: 'TimeGenerated', type: 'datetime' },
      { name: 'SrcIp', type: 'string' },
      { name: 'UserName', type: 'string' },
      { name: 'Message', type: 'string' },
    ]);
    expect(result.hits).toHaveLength(3);
    expect(result.hits[0]).toMatchObject({ SrcIp: '203.0.113.7', UserName: 'root' });
    expect(result.hits.every((hit) => hit.Message !== 'other tenant')).toBe(true);
    const sent = peer.searches.at(-1);
    expect(sent?.indices.split(',').every((name) => name.startsWith('vigil-test-'))).toBe(true);
  });

  it('reads aggregations back as rows', async () => {
    peer.searchAnswer = {
      took: 3,
      hits: { total: { value: 9 } },
      aggregations: {
        groups: {
          sum_other_doc_count: 0,
          buckets: [
            { key: '203.0.113.7', doc_count: 7 },
            { key: '198.51.100.2', doc_count: 2 },
          ],
        },
      },
    };
    const text = 'Events | summarize Attempts = count() by SrcIp | top 10 by Attempts';
    const result = await runOpenSearchKql(ctx(org), { text, query: parseKql(text), ...window(), maxRows: 100 });
    expect(result.hits).toEqual([
      { SrcIp: '203.0.113.7', Attempts: 7 },
      { SrcIp: '198.51.100.2', Attempts: 2 },
    ]);
    expect(result).toMatchObject({ took_ms: 3, total: 2, truncated: false });
  });

  it('refuses, naming it, what the backend cannot run: no silent fallback', async () => {
    const text = 'Events | join kind=inner (Events) on SrcIp';
    await expect(runOpenSearchKql(ctx(org), { text, query: parseKql(text), ...window(), maxRows: 100 })).rejects.toMatchObject({
      diagnostic: { type: 'UNSUPPORTED_OPERATOR', construct: 'join' },
    });
  });
});
