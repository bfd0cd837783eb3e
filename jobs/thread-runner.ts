import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../core/logger.ts';
import type { WorkerThreadData } from './worker-thread.ts';

export type WorkerThread = { threadId: number; workerId: string; stop: () => Promise<void> };

const ENTRY = new URL('./worker-thread.ts', import.meta.url);

/** Starts the job runner on a worker thread and resolves once it polls for jobs. */
export async function startWorkerThread(data: WorkerThreadData, logger: Logger): Promise<WorkerThread> {
  const thread = new Worker(ENTRY, { workerData: data });
  let stopping = false;
  thread.on('error', (error) => logger.error({ err: error }, 'job worker thread failed'));
  thread.on('exit', (code) => {
    if (!stopping) logger.error({ code }, 'job worker thread exited; jobs wait until the next start (see /readyz)');
  });
  const [started] = (await Promise.race([
    once(thread, 'message'),
    once(thread, 'exit').then(([code]) => Promise.reject(new Error(`worker thread exited with ${code}`))),
  ])) as [{ workerId: string }];
  return {
    threadId: thread.threadId,
    workerId: started.workerId,
    async stop() {
      stopping = true;
      const exited = once(thread, 'exit');
      thread.postMessage({ type: 'stop' });
      await exited;
    },
  };
}
