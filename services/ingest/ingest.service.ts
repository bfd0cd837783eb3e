import type { OrgServiceContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { insertEventsDeduplicated } from '../../db/repos/events.repo.ts';
import {
  type BatchRejection,
  type NormalizedEvent,
  parseBatch,
  type RejectReason,
  type ResolvedSource,
  type SourceKind,
} from '../../engines/telemetry/index.ts';
import { scheduleDetection } from '../detection/index.ts';
import { eventTimePolicy, type IngestChannel, latestEventTime, type Provenance, partitionWindow, toEventRow, writeIntoPartitions } from '../events/index.ts';

export const MAX_EVENTS_PER_REQUEST = 10_000;

/** A parser's rejection, or `timestamp_in_future`: dated more than EVENT_MAX_FUTURE_SKEW_SECONDS after arrival. */
export type IngestRejection = Omit<BatchRejection, 'reason'> & { reason: RejectReason | 'timestamp_in_future' };

export type IngestResult = {
  received: number;
  stored: number;
  deduplicated: number;
  rejected: IngestRejection[];
  /** Ids of the rows stored by this call (for callers that link them, e.g. network events). */
  storedIds: number[];
  /** The normalised events that parsed (stored or deduplicated), in input order. */
  events: NormalizedEvent[];
};

export type IngestRequest = Omit<Provenance, 'channel'> & {
  channel: IngestChannel;
  /** A parser, 'auto' (recognised per record), or a sender's declared type (resolveSourceType). */
  source: SourceKind | 'auto' | ResolvedSource;
  records: readonly unknown[];
  sensorId?: string | null;
  allow?: readonly SourceKind[];
};

type Parsed = { events: NormalizedEvent[]; rejected: IngestRejection[] };

/**
 * Parses record by record, so every event keeps the index of the record it came from (an osquery batch record
 * gives several) and an event dated after `latest` is rejected by that index, its siblings kept.
 */
function parseRecords(request: IngestRequest, receivedAt: Date, latest: Date): Parsed {
  const parsed: Parsed = { events: [], rejected: [] };
  const options = request.allow ? { allow: request.allow } : undefined;
  request.records.forEach((record, index) => {
    const result = parseBatch(request.source, [record], { receivedAt, sensorId: request.sensorId ?? null }, options);
    for (const rejection of result.rejected) parsed.rejected.push({ ...rejection, index });
    for (const event of result.events) {
      if (event.occurredAt.getTime() > latest.getTime()) parsed.rejected.push({ index, reason: 'timestamp_in_future' });
      else parsed.events.push(event);
    }
  });
  return parsed;
}

/**
 * The one way events enter the store: parse each record (a bad one, or one dated too far in the future, is
 * reported by index, the rest go on), make sure the partitions they need exist (day partitions for the recent
 * window, the archive for older events), and insert the batch in one statement in one transaction, together
 * with the detection job they call for. The call returns only after the events are committed; a replayed
 * record is counted as deduplicated, not stored twice.
 */
export async function ingestRecords(ctx: OrgServiceContext, request: IngestRequest): Promise<IngestResult> {
  if (request.records.length > MAX_EVENTS_PER_REQUEST) {
    throw new AppError('PAYLOAD_TOO_LARGE', `At most ${MAX_EVENTS_PER_REQUEST} events per request; split the batch`);
  }
  const receivedAt = new Date();
  const policy = eventTimePolicy(ctx.deps.config);
  const parsed = parseRecords(request, receivedAt, latestEventTime(policy, receivedAt));
  const rows = parsed.events.map((event) => toEventRow(event, request));
  const { db } = ctx.deps;
  const times = parsed.events.map((event) => event.occurredAt);
  const storedIds = await writeIntoPartitions(db, times, partitionWindow(policy, receivedAt), () =>
    db.transaction().execute(async (trx) => {
      const ids = await insertEventsDeduplicated(trx, ctx.orgId, rows);
      if (ids.length > 0) await scheduleDetection(trx, ctx.orgId);
      return ids;
    }),
  );
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
