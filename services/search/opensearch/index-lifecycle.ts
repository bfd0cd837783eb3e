import type { Client } from '@opensearch-project/opensearch';
import type { Database } from '../../../core/database.ts';
import { utcDay } from '../../../db/unsafe/event-partitions.ts';
import { readSearchIndexState, unsafeDisableSearchOutbox, unsafeEnableSearchOutbox } from '../../../db/unsafe/search-index.ts';
import type { OpenSearchSettings } from './client.ts';
import { eventIndexDay } from './event-document.ts';
import { eventIndexPattern, eventIndexTemplate, eventIndexTemplateName } from './index-template.ts';

const DAY_MS = 86_400_000;
const installed = new Set<string>();

/**
 * Installs (or updates) the index template once per process and cluster. Daily indices are created by the first
 * document of their day and take the template then: rollover is by name, one index per UTC day of the events.
 */
export async function ensureEventIndexTemplate(client: Client, settings: OpenSearchSettings): Promise<void> {
  const key = `${settings.url}|${settings.prefix}|${settings.replicas}`;
  if (installed.has(key)) return;
  await client.indices.putIndexTemplate({
    name: eventIndexTemplateName(settings.prefix),
    body: eventIndexTemplate(settings.prefix, settings.replicas) as never,
  });
  installed.add(key);
}

/** Forgets which templates this process installed (tests that point at a fresh cluster). */
export function forgetInstalledTemplates(): void {
  installed.clear();
}

/** Deletes the daily indices whose day ends before the retention horizon (the same horizon as the event store). */
export async function deleteExpiredEventIndices(client: Client, settings: OpenSearchSettings, now = new Date()): Promise<string[]> {
  const horizon = utcDay(new Date(now.getTime() - settings.retentionDays * DAY_MS));
  const response = await client.cat.indices({ index: eventIndexPattern(settings.prefix), format: 'json', h: 'index', expand_wildcards: 'all' } as never);
  const rows = (response.body ?? []) as unknown as { index: string }[];
  const expired = rows
    .map((row) => row.index)
    .filter((index) => {
      const day = eventIndexDay(settings.prefix, index);
      return day !== null && day.getTime() < horizon.getTime();
    })
    .sort();
  // one request per index: a name list could exceed the URL length, and one failure should not hide the others
  for (const index of expired) await client.indices.delete({ index });
  return expired;
}

export type ClusterHealth = 'green' | 'yellow' | 'red';

export async function clusterHealth(client: Client): Promise<ClusterHealth> {
  const response = await client.cluster.health({ timeout: '2s' } as never);
  const status = (response.body as { status?: string }).status;
  if (status === 'green' || status === 'yellow' || status === 'red') return status;
  throw new Error(`OpenSearch answered an unknown cluster health '${String(status)}'`);
}

/**
 * Makes the outbox trigger follow SEARCH_BACKEND: on (with a backfill of the retained events) for opensearch, off
 * (outbox dropped) for postgres. Returns what changed.
 */
export async function syncSearchOutboxSwitch(
  db: Database,
  settings: OpenSearchSettings | null,
  retentionDays: number,
  now = new Date(),
): Promise<'enabled' | 'disabled' | null> {
  const state = await readSearchIndexState(db);
  if (settings && !state.enabled) {
    const horizon = utcDay(new Date(now.getTime() - retentionDays * DAY_MS));
    await db.transaction().execute((trx) => unsafeEnableSearchOutbox(trx, horizon));
    return 'enabled';
  }
  if (!settings && state.enabled) {
    await unsafeDisableSearchOutbox(db);
    return 'disabled';
  }
  return null;
}
