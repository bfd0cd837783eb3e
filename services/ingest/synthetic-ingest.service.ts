import { randomInt } from 'node:crypto';
import type { OrgServiceContext } from '../../core/context.ts';
import { generateScenario, type Scenario, type SyntheticSource } from '../../engines/synthetic/index.ts';
import { enforceIngestRateLimit } from './ingest-rate-limit.ts';
import { addCounts, type IndexedRecord, type IngestCounts, ingestIndexed } from './ingest-summary.ts';

export type SyntheticRequest = {
  scenario: Scenario;
  count?: number | undefined;
  seed?: number | undefined;
  srcIp?: string | undefined;
  startTime?: Date | undefined;
};
export type SyntheticResult = IngestCounts & { scenario: Scenario; seed: number; startTime: Date; srcIp: string; generated: number };

export const MAX_SEED = 2 ** 32 - 1;

/**
 * Generates a scenario and stores it like real telemetry (channel `synthetic`, each record through its own
 * source's parser). Without a seed or start time, fresh ones are chosen and returned, so a run can be replayed.
 */
export async function ingestSynthetic(ctx: OrgServiceContext, request: SyntheticRequest): Promise<SyntheticResult> {
  await enforceIngestRateLimit(ctx);
  const seed = request.seed ?? randomInt(0, MAX_SEED);
  const startTime = request.startTime ?? new Date(Math.floor(Date.now() / 1000) * 1000);
  const { srcIp, records } = generateScenario(request.scenario, { seed, startTime, count: request.count, srcIp: request.srcIp });
  const bySource = new Map<SyntheticSource, IndexedRecord[]>();
  records.forEach(({ source, record }, index) => {
    const group = bySource.get(source) ?? [];
    group.push({ index, record });
    bySource.set(source, group);
  });
  const parts: IngestCounts[] = [];
  for (const [source, entries] of bySource) parts.push(await ingestIndexed(ctx, { channel: 'synthetic', source }, entries));
  return { scenario: request.scenario, seed, startTime, srcIp, generated: records.length, ...addCounts(parts) };
}
