import type { Executor } from '../../core/database.ts';
import {
  countWorkersSeenWithin,
  deleteHeartbeatsOlderThan,
  deleteWorkerHeartbeat,
  upsertWorkerHeartbeat,
  type WorkerIdentity,
} from '../../db/repos/worker-heartbeats.repo.ts';

/** A worker that has not beaten for this long is taken for dead (several missed heartbeats). */
export const WORKER_LIVENESS_SECONDS = 45;

export function recordWorkerHeartbeat(db: Executor, worker: WorkerIdentity): Promise<void> {
  return upsertWorkerHeartbeat(db, worker);
}

export function removeWorkerHeartbeat(db: Executor, workerId: string): Promise<void> {
  return deleteWorkerHeartbeat(db, workerId);
}

export function countLiveWorkers(db: Executor): Promise<number> {
  return countWorkersSeenWithin(db, WORKER_LIVENESS_SECONDS);
}

export function pruneWorkerHeartbeats(db: Executor, { olderThanHours }: { olderThanHours: number }): Promise<number> {
  return deleteHeartbeatsOlderThan(db, olderThanHours);
}
