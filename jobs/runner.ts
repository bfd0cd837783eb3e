import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { type Runner, run } from 'graphile-worker';
import type pg from 'pg';
import type { ServiceDeps } from '../core/context.ts';
import { recordWorkerHeartbeat, removeWorkerHeartbeat } from '../services/system/index.ts';
import { cronItems } from './crontab.ts';
import { graphileLogger } from './log-adapter.ts';
import { buildTaskList } from './registry.ts';

export const HEARTBEAT_INTERVAL_MS = 10_000;

export type RunningWorker = { workerId: string; stop: () => Promise<void> };

/** Starts the graphile-worker runner and a heartbeat that tells /readyz a worker is alive. */
export async function startWorker(deps: ServiceDeps & { pool: pg.Pool }, concurrency: number): Promise<RunningWorker> {
  const { logger } = deps;
  const workerId = `vigil-${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const runner: Runner = await run({
    pgPool: deps.pool,
    taskList: buildTaskList(deps, logger),
    parsedCronItems: cronItems(),
    concurrency,
    noHandleSignals: true,
    pollInterval: 1000,
    logger: graphileLogger(logger),
  });
  const beat = () => recordWorkerHeartbeat(deps.db, { workerId, hostname: hostname(), pid: process.pid });
  await beat();
  const timer = setInterval(() => {
    beat().catch((error: unknown) => logger.warn({ err: error }, 'worker heartbeat failed'));
  }, HEARTBEAT_INTERVAL_MS);
  timer.unref();
  logger.info({ workerId, concurrency }, 'job worker started');
  return {
    workerId,
    async stop() {
      clearInterval(timer);
      await runner.stop();
      await removeWorkerHeartbeat(deps.db, workerId).catch(() => undefined);
    },
  };
}
