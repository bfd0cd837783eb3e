import { createLogger } from '../core/logger.ts';
import { migrateToLatest } from '../db/migrator.ts';
import { startWorkerThread, type WorkerThread } from '../jobs/thread-runner.ts';
import { exitOnStartupFailure, loadConfigOrExit } from './boot.ts';
import { createDeps } from './deps.ts';
import { buildHttpApp } from './http/app.ts';
import { onShutdownSignal } from './shutdown.ts';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config);
  const startedAt = performance.now();
  const deps = await createDeps(config, logger);
  const applied = await migrateToLatest(deps.db, deps.pool);
  if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  const worker: WorkerThread | null = config.API_ONLY
    ? null
    : await startWorkerThread({ databaseUrl: deps.databaseUrl, concurrency: config.WORKER_CONCURRENCY }, logger);
  const app = await buildHttpApp(deps);
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  logger.info(
    {
      url: address,
      docs: `${address}/docs`,
      database: config.DATABASE_URL ? 'DATABASE_URL' : `embedded PostgreSQL in ${config.DATA_DIR}/pg`,
      worker: worker ? `worker thread ${worker.threadId}` : 'disabled (API_ONLY)',
      startupMs: Math.round(performance.now() - startedAt),
    },
    `Vigil API listening on ${address} (docs: ${address}/docs)`,
  );
  onShutdownSignal(logger, async () => {
    await app.close();
    await worker?.stop();
    await deps.close();
  });
}

main().catch(exitOnStartupFailure('Vigil'));
