import { Client as OpenSearchClient } from '@opensearch-project/opensearch';
import type pg from 'pg';
import { createDb, createPool } from '../db/client.ts';
import { resolveDatabase } from '../db/database.ts';
import type { Database } from '../db/scope.ts';
import type { SearchBackendProbe } from '../services/system/search-probe.ts';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { resolveSecrets, type Secrets } from './secrets.ts';

/** Everything a process shares: built once by the API, the worker and scripts alike. */
export type Deps = {
  config: Config;
  logger: Logger;
  pool: pg.Pool;
  db: Database;
  metrics: Metrics;
  secrets: Secrets;
  searchProbe: SearchBackendProbe | null;
  close: () => Promise<void>;
};

export async function createDeps(config: Config, logger: Logger): Promise<Deps> {
  const secrets = resolveSecrets(config, logger);
  const database = await resolveDatabase(config, logger);
  const pool = createPool(database.url, config, logger);
  const db = createDb(pool, config, logger);
  return {
    config,
    logger,
    pool,
    db,
    metrics: createMetrics(db),
    secrets,
    searchProbe: config.OPENSEARCH_URL ? openSearchProbe(config.OPENSEARCH_URL) : null,
    async close() {
      await db.destroy();
      await database.stop();
    },
  };
}

function openSearchProbe(url: string): SearchBackendProbe {
  const client = new OpenSearchClient({ node: url, requestTimeout: 2000, maxRetries: 0 });
  return async () => {
    await client.cluster.health({ timeout: '2s' });
  };
}
