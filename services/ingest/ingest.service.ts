import type { OrgServiceContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { insertEventsDeduplicated } from '../../db/repos/events.repo.ts';
import { type BatchRejection, type NormalizedEvent, parseBatch, type SourceKind } from '../../engines/telemetry/index.ts';
import { scheduleDetection } from '../detection/index.ts';
import { ensurePartitionsFor, type IngestChannel, type Provenance, toEventRow } from '../events/index.ts';

export const MAX_EVENTS_PER_REQUEST = 10_000;

export type IngestResult = {
  received: number;
  stored: number;
  deduplicated: number;
  rejected: BatchRejection[];
  /** Ids of the rows stored by this call (for callers that link them, e.g. network events). */
  storedIds: number[];
  /** The normalised events that parsed (stored or deduplicated), in input order. */
  events: NormalizedEvent[];
};

export type IngestRequest = Omit<Provenance, 'channel'> & {
  channel: IngestChannel;
  source: SourceKind | 'auto';
  records: readonly unknown[];
  sensorId?: string | null;
  allow?: readonly SourceKind[];
};

/**
 * The one way events enter the store: parse each record (a bad one is reported by index, the rest
 * go on), create the day partitions they need, and insert the batch in one statement in one
 * transaction, together with the detection job they call for. The call returns only after the events
 * are committed; a replayed record is counted as deduplicated, not stored twice.
 */
export async function ingestRecords(ctx: OrgServiceContext, request: IngestRequest): Promise<IngestResult> {
  if (request.records.length > MAX_EVENTS_PER_REQUEST) {
    throw new AppError('PAYLOAD_TOO_LARGE', `At most ${MAX_EVENTS_PER_REQUEST} events per request; split the batch`);
  }
  const receivedAt = new Date();
  const parsed = parseBatch(
    request.source,
    [...request.records],
    { receivedAt, sensorId: request.sensorId ?? null },
    request.allow ? { allow: request.allow } : undefined,
  );
  const rows = parsed.events.map((event) => toEventRow(event, request));
  const { db } = ctx.deps;
  await ensurePartitionsFor(
    db,
    parsed.events.map((event) => event.occurredAt),
  );
  const storedIds = await db.transaction().execute(async (trx) => {
    const ids = await insertEventsDeduplicated(trx, ctx.orgId, rows);
    if (ids.length > 0) await scheduleDetection(trx, ctx.orgId);
    return ids;
  });
  ctx.logger.debug(
    { channel: request.channel, received: request.records.length, stored: storedIds.length, rejected: parsed.rejected.length },
    'events ingested',
  );
  return {
    received: request.records.length,
    stored: storedIds.length,
    deduplicated: parsed.events.length - storedIds.length,
    rejected: parsed.rejected,
    storedIds,
    events: parsed.events,
  };
}
