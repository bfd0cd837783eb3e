import { parentPort, workerData } from 'node:worker_threads';
import { createLogger } from '../core/logger.ts';
import { exitOnStartupFailure, loadConfigOrExit } from '../server/boot.ts';
import { createDeps } from '../server/deps.ts';
import { startWorker } from './runner.ts';

/** `settings` override the environment (tests silence the log this way). */
export type WorkerThreadData = { databaseUrl: string; concurrency: number; settings?: Record<string, string> };

/**
 * The job runner of `npm start`, on its own thread: a detection pass or any other CPU-heavy job then
 * never delays an HTTP request on the API's event loop. It connects to the database the API resolved.
 */
async function main(): Promise<void> {
  const { databaseUrl, concurrency, settings } = workerData as WorkerThreadData;
  const config = loadConfigOrExit({ ...settings, DATABASE_URL: databaseUrl });
  const logger = createLogger(config).child({ component: 'worker-thread' });
  const deps = await createDeps(config, logger);
  const worker = await startWorker(deps, concurrency);
  parentPort?.postMessage({ type: 'started', workerId: worker.workerId });
  parentPort?.on('message', (message: { type?: string }) => {
    if (message.type !== 'stop') return;
    void (async () => {
      await worker.stop();
      await deps.close();
      parentPort?.close();
    })();
  });
}

main().catch(exitOnStartupFailure('Vigil worker thread'));
