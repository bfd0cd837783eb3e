import { z } from 'zod';
import { SEVERITY_WORDS } from '../../services/events/index.ts';

/** An ISO 8601 time, or epoch seconds / milliseconds (≥ 1e11 is ms). */
export const ZTimeParam = z
  .string()
  .trim()
  .max(64)
  .transform((value, ctx) => {
    const numeric = /^\d+(\.\d+)?$/.test(value) ? Number(value) : null;
    const date = numeric === null ? new Date(value) : new Date(numeric >= 1e11 ? numeric : numeric * 1000);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 time or epoch seconds/milliseconds' });
      return z.NEVER;
    }
    return date;
  });

/** Vigil's severity scale 0 info … 4 critical, as a number or a word. */
export const ZSeverityParam = z
  .string()
  .trim()
  .toLowerCase()
  .max(16)
  .transform((value, ctx) => {
    const byWord = (SEVERITY_WORDS as readonly string[]).indexOf(value);
    const severity = /^[0-4]$/.test(value) ? Number(value) : byWord;
    if (severity < 0) {
      ctx.addIssue({ code: 'custom', message: `must be 0–4 or one of ${SEVERITY_WORDS.join(', ')}` });
      return z.NEVER;
    }
    return severity;
  });

export const ZIpParam = z.union([z.ipv4(), z.ipv6()]);
export const ZPortParam = z.coerce.number().int().min(0).max(65535);

/** A body that is one event, or `{events: [...]}` (a top-level JSON array or NDJSON arrives as the latter). */
export const ZOneOrManyEvents = z
  .looseObject({ events: z.array(z.unknown()).optional().describe('A batch; without it the body itself is one event') })
  .describe('One event object, or {events: [...]}');

export function recordsOf(input: { events?: unknown[] | undefined }): { records: unknown[]; single: boolean } {
  return input.events === undefined ? { records: [input], single: true } : { records: input.events, single: false };
}

export const ZViewQuery = z.object({
  q: z.string().trim().min(1).max(200).optional().describe('Case-insensitive text match on message, host, user, process, command line, type, URL'),
  severity: ZSeverityParam.optional(),
  size: z.coerce.number().int().min(1).max(500).default(200),
  time_range: z.string().trim().max(16).optional().describe("How far back: '<n>m', '<n>h' or '<n>d' (24h by default, 31d at most)"),
  since_ms: z.coerce.number().int().min(0).optional().describe('Or: events since this epoch time in milliseconds'),
});

export const ZViewDelete = z.object({
  start_time: ZTimeParam.optional(),
  end_time: ZTimeParam.optional(),
  ids: z
    .string()
    .trim()
    .max(20_000)
    .transform((value, ctx) => {
      const parts = value.split(',').map((part) => part.trim());
      if (parts.length > 1000 || parts.some((part) => !/^[1-9]\d{0,14}$/.test(part))) {
        ctx.addIssue({ code: 'custom', message: 'must be up to 1000 comma-separated event ids' });
        return z.NEVER;
      }
      return parts.map(Number);
    })
    .optional()
    .describe('Comma-separated event ids (at most 1000)'),
});
