import type { Database } from '../db/scope.ts';
import type { Logger } from '../server/logger.ts';

/** What every task may use; built once per process by server/deps.ts. */
export type WorkerDeps = { db: Database; logger: Logger };
