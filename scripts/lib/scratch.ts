import type { Config } from '../../core/config.ts';
import type { Logger } from '../../core/logger.ts';
import { dropDatabase, recreateDatabase } from '../../db/admin.ts';
import { createDb, createPool } from '../../db/client.ts';
import { resolveDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrator.ts';

/** Runs `work` against a freshly migrated scratch database, then drops it. */
export async function withMigratedScratchDatabase<T>(config: Config, logger: Logger, work: (url: string) => Promise<T>): Promise<T> {
  const server = await resolveDatabase(config, logger);
  const name = `vigil_scratch_${process.pid}`;
  try {
    const url = await recreateDatabase(server.url, name);
    const pool = createPool(url, config, logger, 'vigil-scratch');
    const db = createDb(pool, config, logger);
    try {
      await migrateToLatest(db, pool);
    } finally {
      await db.destroy();
    }
    try {
      return await work(url);
    } finally {
      await dropDatabase(server.url, name);
    }
  } finally {
    await server.stop();
  }
}
