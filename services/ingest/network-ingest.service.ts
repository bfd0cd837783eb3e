import { z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { insertNetworkIngestErrors } from '../../db/repos/network-ingest-errors.repo.ts';
import { type SensorUpsert, upsertNetworkSensor } from '../../db/repos/network-sensors.repo.ts';
import { type IngestRejection, ingestRecords, MAX_EVENTS_PER_REQUEST } from './ingest.service.ts';
import { enforceIngestRateLimit } from './ingest-rate-limit.ts';
import { describeRejection, rawSnippet, ZIngestError } from './network-ingest-errors.ts';
import { type DeclaredSource, groupBySource } from './network-source.ts';

export type NetworkBulkRequest = { source: DeclaredSource; sensor: SensorUpsert; events: readonly unknown[] };

export const ZNetworkBulkResult = z.object({
  accepted: z.number().int(),
  stored: z.number().int(),
  deduplicated: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(ZIngestError),
  created_sensor_id: z.number().int().nullable().describe('The sensor id when this call registered it, else null'),
  sensor_id: z.number().int(),
});
export type NetworkBulkResult = z.infer<typeof ZNetworkBulkResult>;

/**
 * POST /ingest/network/bulk: registers or refreshes the sensor, stores every record that parses
 * (Suricata EVE or Zeek JSON, each sent to its parser), and reports and keeps every reject by index.
 * Returns once the events are committed.
 */
export async function ingestNetworkBulk(ctx: OrgServiceContext, request: NetworkBulkRequest): Promise<NetworkBulkResult> {
  await enforceIngestRateLimit(ctx);
  if (request.events.length > MAX_EVENTS_PER_REQUEST) {
    throw new AppError('PAYLOAD_TOO_LARGE', `At most ${MAX_EVENTS_PER_REQUEST} events per request (got ${request.events.length}); split the batch`);
  }
  const { row: sensor, created } = await upsertNetworkSensor(ctx.deps.db, ctx.orgId, request.sensor);
  const { groups, unrecognised } = groupBySource(request.events, request.source);
  const rejections: IngestRejection[] = unrecognised.map((index) => ({ index, reason: 'unrecognised_record' }));
  let stored = 0;
  let deduplicated = 0;
  for (const [source, group] of groups) {
    const result = await ingestRecords(ctx, { channel: 'network', source, records: group.records, sensorId: sensor.name, allow: ['suricata', 'zeek'] });
    stored += result.stored;
    deduplicated += result.deduplicated;
    for (const rejection of result.rejected) rejections.push({ ...rejection, index: group.indexes[rejection.index] ?? rejection.index });
  }
  const errors = rejections.sort((a, b) => a.index - b.index).map((rejection) => describeRejection(rejection, request.events[rejection.index]));
  await insertNetworkIngestErrors(
    ctx.deps.db,
    ctx.orgId,
    sensor.id,
    ctx.requestId,
    errors.map((error) => ({
      record_index: error.index,
      reason: error.reason,
      field: error.field ?? null,
      raw_snippet: rawSnippet(request.events[error.index]),
    })),
  );
  return {
    accepted: stored + deduplicated,
    stored,
    deduplicated,
    rejected: errors.length,
    errors,
    created_sensor_id: created ? Number(sensor.public_id) : null,
    sensor_id: Number(sensor.public_id),
  };
}
