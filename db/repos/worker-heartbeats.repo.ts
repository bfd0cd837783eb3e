import { sql } from 'kysely';
import type { Executor } from '../../core/database.ts';

export type WorkerIdentity = { workerId: string; hostname: string; pid: number };

export async function upsertWorkerHeartbeat(db: Executor, worker: WorkerIdentity): Promise<void> {
  await db
    .insertInto('worker_heartbeats')
    .values({ worker_id: worker.workerId, hostname: worker.hostname, pid: worker.pid })
    .onConflict((oc) => oc.column('worker_id').doUpdateSet({ last_seen_at: sql`now()` }))
    .execute();
}

export async function deleteWorkerHeartbeat(db: Executor, workerId: string): Promise<void> {
  await db.deleteFrom('worker_heartbeats').where('worker_heartbeats.worker_id', '=', workerId).execute();
}

export async function countWorkersSeenWithin(db: Executor, seconds: number): Promise<number> {
  const row = await db
    .selectFrom('worker_heartbeats')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('worker_heartbeats.last_seen_at', '>', sql<Date>`now() - make_interval(secs => ${seconds})`)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function deleteHeartbeatsOlderThan(db: Executor, hours: number): Promise<number> {
  const result = await db
    .deleteFrom('worker_heartbeats')
    .where('worker_heartbeats.last_seen_at', '<', sql<Date>`now() - make_interval(hours => ${hours})`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
