import { AppError } from '../../core/errors.ts';
import { answerIngest } from './batch-detection.service.ts';
import type { IngestAnswer, IngestOptions } from './ingest-answer.dto.ts';
import type { IngestCaller } from './ingest-caller.service.ts';
import { enforceIngestRateLimit } from './ingest-rate-limit.ts';
import { indexed, ingestIndexed, summarise } from './ingest-summary.ts';

/** The request body as the host hands it over: `{events}` for an array or NDJSON, else one Cowrie event. */
export type CowrieBody = { events?: unknown[] | undefined } & Record<string, unknown>;

export function cowrieRecords(body: CowrieBody): unknown[] {
  const records = Array.isArray(body.events) ? body.events : Object.keys(body).length > 0 ? [body] : [];
  if (records.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'No events: send one Cowrie JSON event, an array of them or NDJSON', {
      issues: [{ path: 'events', message: 'at least one event is required' }],
    });
  }
  return records;
}

/**
 * Stores Cowrie events in the caller's organisation. For a signing device, the authenticated device name is the
 * sensor id (a record's own `sensor` stays in host_name and raw), so a device cannot pose as another; a user or
 * API key (a log forwarder) leaves each record's own sensor.
 */
export async function ingestCowrie(caller: IngestCaller, body: CowrieBody, options: IngestOptions): Promise<IngestAnswer> {
  const { ctx, device } = caller;
  const records = cowrieRecords(body);
  await enforceIngestRateLimit(ctx);
  const outcome = await ingestIndexed(
    ctx,
    { channel: 'cowrie', source: 'cowrie', deviceId: device?.id ?? null, sensorId: device?.name ?? null },
    indexed(records),
  );
  return answerIngest(ctx, summarise(records.length, outcome), outcome, options);
}
