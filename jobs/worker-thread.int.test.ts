import { threadId } from 'node:worker_threads';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../server/deps.ts';
import { createTestDeps } from '../tests/harness.ts';
import { pruneWorkerHeartbeatsContract } from './contracts.ts';
import { enqueue } from './enqueue.ts';
import { startWorkerThread, type WorkerThread } from './thread-runner.ts';

let deps: Deps;
let thread: WorkerThread;

beforeAll(async () => {
  deps = await createTestDeps();
  thread = await startWorkerThread({ databaseUrl: deps.databaseUrl, concurrency: 1, settings: { LOG_LEVEL: 'silent' } }, deps.logger);
});

afterAll(async () => {
  await deps.db.destroy();
});

async function jobsLeft(identifier: string): Promise<number> {
  const result = await sql<{ n: number }>`select count(*)::int as n from graphile_worker.jobs where task_identifier = ${identifier}`.execute(deps.db);
  return result.rows[0]?.n ?? 0;
}

describe('the job runner of npm start', () => {
  it('runs on its own thread, not the event loop of the caller', async () => {
    expect(thread.threadId).toBeGreaterThan(0);
    expect(thread.threadId).not.toBe(threadId);
    const beat = await deps.db.selectFrom('worker_heartbeats').select('worker_id').where('worker_id', '=', thread.workerId).executeTakeFirst();
    expect(beat?.worker_id).toBe(thread.workerId);
  });

  it('runs the jobs the caller enqueues, then stops cleanly and says so in its heartbeat', async () => {
    await enqueue(deps.db, pruneWorkerHeartbeatsContract, { v: 1 });
    const deadline = Date.now() + 60_000;
    while ((await jobsLeft(pruneWorkerHeartbeatsContract.identifier)) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await jobsLeft(pruneWorkerHeartbeatsContract.identifier)).toBe(0);
    await thread.stop();
    const beat = await deps.db.selectFrom('worker_heartbeats').select('worker_id').where('worker_id', '=', thread.workerId).executeTakeFirst();
    expect(beat).toBeUndefined();
  });
});
