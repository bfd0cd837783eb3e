import type { OrgServiceContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import type { DeviceRow } from '../../db/repos/devices.repo.ts';
import { enforceIngestRateLimit } from './ingest-rate-limit.ts';
import { type IngestSummary, indexed, ingestIndexed } from './ingest-summary.ts';

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
 * Stores a signed device's Cowrie events in the device's organisation. The authenticated device name is
 * the sensor id (a record's own `sensor` stays in host_name and raw), so a device cannot pose as another.
 */
export async function ingestCowrie(ctx: OrgServiceContext, device: DeviceRow, body: CowrieBody): Promise<IngestSummary> {
  const records = cowrieRecords(body);
  await enforceIngestRateLimit(ctx);
  const counts = await ingestIndexed(ctx, { channel: 'cowrie', source: 'cowrie', deviceId: device.id, sensorId: device.name }, indexed(records));
  return { received: records.length, ...counts };
}
