import { randomInt } from 'node:crypto';
import { z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import { generateScenario, SCENARIOS, type Scenario, type SyntheticSource } from '../../engines/synthetic/index.ts';
import { enforceIngestRateLimit } from './ingest-rate-limit.ts';
import { addCounts, type IndexedRecord, type IngestCounts, ingestIndexed, ZRecordRejection } from './ingest-summary.ts';

export type SyntheticRequest = {
  scenario: Scenario;
  count?: number | undefined;
  seed?: number | undefined;
  srcIp?: string | undefined;
  startTime?: Date | undefined;
};

export const ZSyntheticResult = z.object({
  scenario: z.enum(SCENARIOS),
  seed: z.number().int(),
  generated: z.number().int(),
  stored: z.number().int(),
  deduplicated: z.number().int(),
  rejected: z.array(ZRecordRejection),
  src_ip: z.string(),
  start_time: z.string(),
});
export type SyntheticResult = z.infer<typeof ZSyntheticResult>;

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
  return { scenario: request.scenario, seed, generated: records.length, ...addCounts(parts), src_ip: srcIp, start_time: startTime.toISOString() };
}
