import type { Config } from '../core/config.ts';
import type { Logger } from '../core/logger.ts';
import { type RunningDatabase, startEmbeddedPostgres } from './embedded-postgres.ts';

/** The configured server, or an embedded one started for this process. */
export async function resolveDatabase(config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'>, logger: Logger): Promise<RunningDatabase> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, stop: async () => {} };
  return startEmbeddedPostgres(config.DATA_DIR, logger);
}
