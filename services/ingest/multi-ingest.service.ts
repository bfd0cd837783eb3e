import { AppError } from '../../core/errors.ts';
import { resolveSourceType } from '../../engines/telemetry/index.ts';
import { answerIngest } from './batch-detection.service.ts';
import { checkEventSignatures } from './event-signatures.ts';
import type { IngestAnswer, IngestOptions } from './ingest-answer.dto.ts';
import type { IngestCaller } from './ingest-caller.service.ts';
import { enforceIngestRateLimit } from './ingest-rate-limit.ts';
import { addCounts, ingestIndexed, summarise } from './ingest-summary.ts';

/** Mini-XDR's envelope `{source_type, hostname, events}`; any other key belongs to a bare record. */
export type MultiBody = { source_type?: string | undefined; hostname?: string | null | undefined; events?: unknown[] | undefined } & Record<string, unknown>;

/** The sender's own name when absent: each record's source is then recognised from its fields. */
export const AUTO_SOURCE_TYPE = 'auto';

/**
 * The envelope's events; a body without `events` is one bare record (Fluent Bit's json_stream output of a single
 * record is one JSON object, with no envelope), kept whole as evidence.
 */
export function multiRecords(body: MultiBody): unknown[] {
  if (body.events !== undefined) return body.events;
  const { source_type: _sourceType, hostname: _hostname, ...fields } = body;
  if (Object.keys(fields).length === 0) {
    throw new AppError('VALIDATION_FAILED', 'No events: send {source_type, hostname, events: [...]}, a JSON array, NDJSON or concatenated records', {
      issues: [{ path: 'events', message: 'at least one event is required' }],
    });
  }
  return [body];
}

/**
 * Mini-XDR's multi-source ingest: every event goes through the parser of `source_type` (a type without a parser
 * of its own, e.g. webhoneypot or dionaea, is stored as custom events keeping the declared name; none: recognised
 * per record); events with a bad per-event signature are rejected alone. `hostname` (else the device name) is the
 * sensor id.
 */
export async function ingestMulti(caller: IngestCaller, body: MultiBody, options: IngestOptions): Promise<IngestAnswer> {
  const { ctx, device } = caller;
  const records = multiRecords(body);
  await enforceIngestRateLimit(ctx);
  const { accepted, rejected } = checkEventSignatures(records, caller.signingKey);
  const hostname = typeof body.hostname === 'string' ? body.hostname : null;
  const outcome = await ingestIndexed(
    ctx,
    {
      channel: 'multi',
      source: resolveSourceType(body.source_type ?? AUTO_SOURCE_TYPE),
      deviceId: device?.id ?? null,
      sensorId: hostname ?? device?.name ?? null,
    },
    accepted,
  );
  const summary = summarise(records.length, addCounts([outcome, { stored: 0, deduplicated: 0, rejected }]));
  return answerIngest(ctx, summary, outcome, options);
}
