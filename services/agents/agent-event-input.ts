import { z } from 'zod';
import { parseTime } from '../../engines/telemetry/time.ts';

/** EventSec's severities plus `info`, which their server wrongly rejected (clean malware scans were lost). */
import { SEVERITY_WORDS } from '../events/index.ts';

export const MAX_DETAILS_BYTES = 64 * 1024;
const MAX_FUTURE_MS = 86_400_000;

export const ZSeverityWord = z.string().trim().toLowerCase().pipe(z.enum(SEVERITY_WORDS));

/** ISO 8601 (no zone means UTC) or epoch seconds/milliseconds, as agents send them. */
export const ZReportedTime = z.union([z.string().max(64), z.number()]).transform((value, ctx) => {
  const parsed = parseTime(value);
  if (parsed) return parsed.date;
  ctx.addIssue({ code: 'custom', message: 'not a timestamp: send ISO 8601 (e.g. 2026-11-24T10:00:00Z) or epoch seconds' });
  return z.NEVER;
});

/** An event time: also never more than a day ahead (it picks the partition the event is stored in). */
export const ZClientTime = ZReportedTime.refine((date) => date.getTime() <= Date.now() + MAX_FUTURE_MS, 'more than 24 hours in the future');

export const ZDetails = z
  .record(z.string(), z.unknown())
  .refine((details) => JSON.stringify(details).length <= MAX_DETAILS_BYTES, `at most ${MAX_DETAILS_BYTES} bytes of JSON`)
  .describe('Free-form object; hostname, username, process_name, src_ip, dst_ip, url, sha256… are promoted to searchable fields');

/** One event as an EventSec agent posts it (SecurityEventCreate), with optional idempotency and message fields. */
export const ZAgentEventFields = {
  event_type: z.string().trim().min(1).max(128).describe('e.g. logcollector, edr.process_start, ioc_hit'),
  severity: ZSeverityWord.describe('info, low, medium, high or critical (case-insensitive)'),
  category: z.string().trim().max(256).nullable().optional(),
  details: ZDetails.default({}),
  timestamp: ZClientTime.optional().describe('When it happened (ISO 8601 or epoch); the server receive time when absent'),
  event_id: z.string().trim().min(1).max(200).optional().describe('Idempotency key: a retried event with the same id and time is stored once'),
  message: z.string().max(8192).optional(),
};

export const ZAgentEvent = z.object(ZAgentEventFields);
export type AgentEventInput = z.infer<typeof ZAgentEvent>;
