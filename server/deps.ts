import { Client as OpenSearchClient } from '@opensearch-project/opensearch';
import type pg from 'pg';
import type { Config } from '../core/config.ts';
import type { SearchBackendProbe, ServiceDeps } from '../core/context.ts';
import type { Logger } from '../core/logger.ts';
import { resolveSecrets } from '../core/secrets.ts';
import { createDb, createPool, createSearchPool } from '../db/client.ts';
import { resolveDatabase } from '../db/database.ts';
import { createMetrics, type Metrics } from './metrics.ts';

/** Everything a process shares: built once by the API, the worker and scripts alike. */
export type Deps = ServiceDeps & {
  /** The database every process of this deployment uses (the embedded server's URL when it was started here). */
  databaseUrl: string;
  pool: pg.Pool;
  metrics: Metrics;
  close: () => Promise<void>;
};

export async function createDeps(config: Config, logger: Logger): Promise<Deps> {
  const secrets = resolveSecrets(config, logger);
  const database = await resolveDatabase(config, logger);
  const pool = createPool(database.url, config, logger);
  const db = createDb(pool, config, logger);
  const searchDb = createDb(createSearchPool(database.url, config, logger), config, logger);
  return {
    config,
    logger,
    databaseUrl: database.url,
    pool,
    db,
    searchDb,
    metrics: createMetrics(db),
    secrets,
    searchProbe: config.OPENSEARCH_URL ? openSearchProbe(config.OPENSEARCH_URL) : null,
    async close() {
      await db.destroy();
      await searchDb.destroy();
      await database.stop();
    },
  };
}

function openSearchProbe(url: string): SearchBackendProbe {
  const client = new OpenSearchClient({ node: url, requestTimeout: 2000, maxRetries: 0 });
  return async () => {
    const response = await client.cluster.health({ timeout: '2s' });
    const status = (response.body as { status?: unknown }).status;
    return status === 'green' || status === 'yellow' || status === 'red' ? { health: status } : undefined;
  };
}
