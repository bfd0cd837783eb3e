import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../core/config.ts';
import { createLogger } from '../../core/logger.ts';
import { dropDatabase, recreateDatabase } from '../../db/admin.ts';
import { createDb, createPool } from '../../db/client.ts';
import { startEmbeddedPostgres } from '../../db/embedded-postgres.ts';
import { migrateToLatest } from '../../db/migrator.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDatabase: string;
  }
}

/**
 * Once per run: a PostgreSQL server (TEST_DATABASE_URL, DATABASE_URL, or an embedded one under
 * .data/test), and a template database migrated from empty that every test file clones.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const logger = createLogger({ LOG_LEVEL: 'warn' });
  const configuredUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  const server = configuredUrl ? { url: configuredUrl, stop: async () => {} } : await startEmbeddedPostgres('.data/test', logger);
  const templateDatabase = `vigil_template_${randomBytes(4).toString('hex')}_test`;
  const templateUrl = await recreateDatabase(server.url, templateDatabase);
  const config = loadConfig({ DATABASE_URL: templateUrl });
  const pool = createPool(templateUrl, config, logger, 'vigil-test-template');
  const db = createDb(pool, config, logger);
  try {
    await migrateToLatest(db, pool);
  } finally {
    await db.destroy();
  }
  project.provide('adminUrl', server.url);
  project.provide('templateDatabase', templateDatabase);
  return async () => {
    await dropDatabase(server.url, templateDatabase);
    await server.stop();
  };
}
