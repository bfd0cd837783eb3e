import { createLogger } from '../core/logger.ts';
import { migrateToLatest } from '../db/migrator.ts';
import { exitOnStartupFailure, loadConfigOrExit } from '../server/boot.ts';
import { createDeps } from '../server/deps.ts';
import { onShutdownSignal } from '../server/shutdown.ts';
import { startWorker } from './runner.ts';

/** `npm run worker`: only the job worker, so a deployment can scale it apart from the API. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config);
  const deps = await createDeps(config, logger);
  await migrateToLatest(deps.db, deps.pool);
  const worker = await startWorker(deps, config.WORKER_CONCURRENCY);
  onShutdownSignal(logger, async () => {
    await worker.stop();
    await deps.close();
  });
}

main().catch(exitOnStartupFailure('Vigil worker'));
