import { runOnce } from 'graphile-worker';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Deps } from '../server/deps.ts';
import { createTestDeps } from '../tests/harness.ts';
import { pruneWorkerHeartbeatsContract } from './contracts.ts';
import { enqueue } from './enqueue.ts';
import { graphileLogger } from './log-adapter.ts';
import { buildTaskList } from './registry.ts';

let deps: Deps;

beforeAll(async () => {
  deps = await createTestDeps();
});

afterAll(async () => {
  await deps.close();
});

beforeEach(async () => {
  await sql`delete from graphile_worker._private_jobs`.execute(deps.db);
  await sql`delete from worker_heartbeats`.execute(deps.db);
  await sql`insert into worker_heartbeats (worker_id, hostname, pid, last_seen_at) values ('stale', 'gone', 1, now() - interval '2 days')`.execute(deps.db);
});

/**
 * Runs every queued job and returns once their completion (or failure) is written. Without batching, graphile-worker
 * sends that write without awaiting it, so `runOnce` can resolve while a finished job is still in the table (seen under
 * CPU load). With a batch delay of 0 the writes go through a batcher, and runOnce's shutdown waits for it to drain.
 */
const runQueuedJobs = () =>
  runOnce({
    pgPool: deps.pool,
    taskList: buildTaskList(deps, deps.logger),
    logger: graphileLogger(deps.logger),
    preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
  });
const countJobs = async () => Number((await sql<{ n: number }>`select count(*)::int as n from graphile_worker.jobs`.execute(deps.db)).rows[0]?.n);
const staleHeartbeatExists = async () =>
  (await deps.db.selectFrom('worker_heartbeats').select('worker_id').where('worker_id', '=', 'stale').execute()).length === 1;

class Rollback extends Error {}

describe('enqueue', () => {
  it('never runs a job whose transaction rolled back', async () => {
    await deps.db
      .transaction()
      .execute(async (trx) => {
        await enqueue(trx, pruneWorkerHeartbeatsContract, { v: 1 });
        expect(Number((await sql<{ n: number }>`select count(*)::int as n from graphile_worker.jobs`.execute(trx)).rows[0]?.n)).toBe(1);
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    expect(await countJobs()).toBe(0);
    await runQueuedJobs();
    expect(await staleHeartbeatExists()).toBe(true);
  });

  it('runs a job once its transaction commits', async () => {
    await deps.db.transaction().execute((trx) => enqueue(trx, pruneWorkerHeartbeatsContract, { v: 1 }));
    expect(await countJobs()).toBe(1);
    await runQueuedJobs();
    expect(await staleHeartbeatExists()).toBe(false);
    expect(await countJobs()).toBe(0);
  });

  it('refuses a payload that does not match the task schema before it reaches the queue', async () => {
    await expect(enqueue(deps.db, pruneWorkerHeartbeatsContract, { v: 2 } as never)).rejects.toThrow();
    expect(await countJobs()).toBe(0);
  });

  it('completes, without running or retrying, a queued job whose payload cannot be parsed', async () => {
    await sql`select graphile_worker.add_job('system__prune_worker_heartbeats', '{"v": 99}'::json)`.execute(deps.db);
    await runQueuedJobs();
    expect(await countJobs()).toBe(0);
    expect(await staleHeartbeatExists()).toBe(true);
  });
});
