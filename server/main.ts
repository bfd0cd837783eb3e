import { createLogger } from '../core/logger.ts';
import { migrateToLatest } from '../db/migrator.ts';
import { type RunningWorker, startWorker } from '../jobs/runner.ts';
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
  const worker: RunningWorker | null = config.API_ONLY ? null : await startWorker(deps, config.WORKER_CONCURRENCY);
  const app = await buildHttpApp(deps);
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  logger.info(
    {
      url: address,
      docs: `${address}/docs`,
      database: config.DATABASE_URL ? 'DATABASE_URL' : `embedded PostgreSQL in ${config.DATA_DIR}/pg`,
      worker: worker ? 'in-process' : 'disabled (API_ONLY)',
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
