import { Client } from '@opensearch-project/opensearch';
import type { Config } from '../../../core/config.ts';
import { AppError } from '../../../core/errors.ts';

export type OpenSearchSettings = { url: string; prefix: string; replicas: number; retentionDays: number };

const clients = new Map<string, Client>();

/** The deployment's OpenSearch settings, or null when SEARCH_BACKEND is postgres (config refuses opensearch without a URL). */
export function openSearchSettings(config: Config): OpenSearchSettings | null {
  if (config.SEARCH_BACKEND !== 'opensearch' || !config.OPENSEARCH_URL) return null;
  return {
    url: config.OPENSEARCH_URL,
    prefix: config.OPENSEARCH_INDEX_PREFIX,
    replicas: config.OPENSEARCH_INDEX_REPLICAS,
    retentionDays: config.EVENT_RETENTION_DAYS,
  };
}

export function requireOpenSearchSettings(config: Config): OpenSearchSettings {
  const settings = openSearchSettings(config);
  if (!settings) throw new AppError('SERVICE_UNAVAILABLE', 'The OpenSearch backend is not configured (SEARCH_BACKEND=opensearch with OPENSEARCH_URL)');
  return settings;
}

/**
 * One client per cluster URL for the process. The client's own retries are off: the indexer retries with its own
 * backoff and the query path reports failures instead of repeating a search.
 */
export function openSearchClient(url: string): Client {
  let client = clients.get(url);
  if (!client) {
    client = new Client({ node: url, requestTimeout: 30_000, maxRetries: 0, compression: 'gzip' });
    clients.set(url, client);
  }
  return client;
}

/** Closes the process's clients (tests and shutdown). */
export async function closeOpenSearchClients(): Promise<void> {
  const open = [...clients.values()];
  clients.clear();
  await Promise.all(open.map((client) => client.close()));
}
