import type { SourceKind } from '../../engines/telemetry/index.ts';
import { checkEventSignatures } from './event-signatures.ts';
import type { IngestCaller } from './ingest-caller.service.ts';
import { enforceIngestRateLimit } from './ingest-rate-limit.ts';
import { addCounts, type IngestSummary, ingestIndexed } from './ingest-summary.ts';

export const MULTI_SOURCE_TYPES = ['cowrie', 'suricata', 'zeek', 'osquery', 'syslog', 'custom'] as const satisfies readonly SourceKind[];
export type MultiSourceType = (typeof MULTI_SOURCE_TYPES)[number];

export type MultiRequest = { sourceType: MultiSourceType; hostname: string | null; events: readonly unknown[] };

/**
 * Mini-XDR's multi-source wrapper: every event goes through the parser of `source_type`; events with a bad
 * per-event signature are rejected alone. `hostname` (else the device name) is the sensor id.
 */
export async function ingestMulti(caller: IngestCaller, request: MultiRequest): Promise<IngestSummary> {
  const { ctx, device } = caller;
  await enforceIngestRateLimit(ctx);
  const { accepted, rejected } = checkEventSignatures(request.events, caller.signingKey);
  const counts = await ingestIndexed(
    ctx,
    { channel: 'multi', source: request.sourceType, deviceId: device?.id ?? null, sensorId: request.hostname ?? device?.name ?? null },
    accepted,
  );
  return { received: request.events.length, ...addCounts([counts, { stored: 0, deduplicated: 0, rejected }]) };
}
