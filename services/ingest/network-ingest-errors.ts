import { z } from 'zod';
import type { IngestRejection } from './ingest.service.ts';

export const ZIngestError = z.object({
  index: z.number().int().describe('Position of the record in the request (line number − 1 for NDJSON)'),
  reason: z.string().describe('invalid_payload, missing_event_type, missing_timestamp, invalid_timestamp, unrecognised_record, …'),
  field: z.string().optional(),
  hint: z.string(),
});
export type IngestError = z.infer<typeof ZIngestError>;

export const RAW_SNIPPET_CHARS = 1024;

/**
 * Turns a parser rejection into what the sender can act on. EventSec's reason codes are kept where
 * one exists (invalid_payload, missing_event_type, missing_timestamp, invalid_timestamp); others
 * are the parser's own codes.
 */
export function describeRejection(rejection: IngestRejection, record: unknown): IngestError {
  const field = rejection.field === undefined ? {} : { field: rejection.field };
  const at = { index: rejection.index, ...field };
  if (typeof record === 'string') return { ...at, reason: 'invalid_payload', hint: 'Not valid JSON: send one JSON object per event (per line in NDJSON)' };
  if (rejection.reason === 'not_an_object') return { ...at, reason: 'invalid_payload', hint: 'Each event must be a JSON object' };
  if (rejection.reason === 'missing_field' && rejection.field === 'event_type') {
    return { ...at, reason: 'missing_event_type', hint: 'Suricata EVE records need event_type' };
  }
  if (rejection.reason === 'missing_field' && rejection.field === 'timestamp') {
    return { ...at, reason: 'missing_timestamp', hint: 'Suricata EVE records need timestamp' };
  }
  if (rejection.reason === 'invalid_timestamp') {
    return { ...at, reason: 'invalid_timestamp', hint: 'Use ISO 8601 or epoch seconds/milliseconds' };
  }
  if (rejection.reason === 'timestamp_in_future') {
    return { ...at, reason: 'timestamp_in_future', hint: 'The event time is further ahead of the server clock than EVENT_MAX_FUTURE_SKEW_SECONDS allows' };
  }
  if (rejection.reason === 'unrecognised_record') {
    return { ...at, reason: 'unrecognised_record', hint: 'Neither Suricata EVE nor Zeek JSON: set source, or send Zeek logs with _path' };
  }
  if (rejection.reason === 'missing_field') return { ...at, reason: 'missing_field', hint: `Required field ${rejection.field ?? ''} is missing`.trim() };
  return { ...at, reason: rejection.reason, hint: `Field ${rejection.field ?? '(record)'} has a value the event model cannot hold` };
}

/** The first characters of a rejected record, kept so an operator can see what the sensor sent. */
export function rawSnippet(record: unknown): string | null {
  const text = typeof record === 'string' ? record : (JSON.stringify(record) ?? null);
  if (text === null) return null;
  const clean = text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text;
  return clean.length > RAW_SNIPPET_CHARS ? clean.slice(0, RAW_SNIPPET_CHARS) : clean;
}
