import { createLogger } from '../core/logger.ts';
import { createDb, createPool } from '../db/client.ts';
import { resolveDatabase } from '../db/database.ts';
import { migrateToLatest, pendingMigrations } from '../db/migrator.ts';
import { exitOnStartupFailure, loadConfigOrExit } from '../server/boot.ts';

/** `npm run migrate`: the app's migrations, then graphile-worker's (also run at every start). `-- --status` lists pending ones. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config);
  const database = await resolveDatabase(config, logger);
  const pool = createPool(database.url, config, logger, 'vigil-migrate');
  const db = createDb(pool, config, logger);
  try {
    if (process.argv.includes('--status')) {
      const pending = await pendingMigrations(db);
      logger.info({ pending }, pending.length === 0 ? 'no pending migrations' : `${pending.length} pending migrations`);
      return;
    }
    const applied = await migrateToLatest(db, pool);
    logger.info({ applied }, applied.length === 0 ? 'already up to date' : `applied ${applied.length} migrations`);
  } finally {
    await db.destroy();
    await database.stop();
  }
}

main().catch(exitOnStartupFailure('Migration'));
