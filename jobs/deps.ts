import type { Database } from '../db/scope.ts';
import type { Config } from '../server/config.ts';
import type { Logger } from '../server/logger.ts';
import type { Secrets } from '../server/secrets.ts';

/** What every task may use; built once per process by server/deps.ts. */
export type WorkerDeps = { db: Database; logger: Logger; config: Config; secrets: Secrets };
