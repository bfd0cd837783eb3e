import { z } from 'zod';
import { AUTO_SOURCE_TYPE, ingestMulti, MAX_EVENTS_PER_REQUEST, ZIngestAnswer } from '../../services/ingest/index.ts';
import { detectionWaitRequested, ZWaitForDetection } from './ingest.schemas.ts';
import { deviceOrOrgProcedure } from './ingest-auth.ts';

export const ingestMultiProcedure = deviceOrOrgProcedure('events:write')
  .meta({
    acceptsRecordsWithNul: true,
    openapi: {
      method: 'POST',
      path: '/ingest/multi',
      tags: ['ingest'],
      summary: 'Events of one source type, from a signing device or a user/API key with events:write',
      description:
        'Authenticate with the device HMAC headers (as /ingest/cowrie) or a bearer token / x-api-key (an API key may be sent as Authorization: Bearer). Body: `{source_type, hostname, events}`, or records with no envelope (a JSON array, NDJSON or concatenated JSON objects, as Fluent Bit sends them; source_type and hostname may then come in the query string of an unsigned request). A source_type without a parser of its own (webhoneypot, dionaea, …) is stored as custom events keeping the declared name; without one, each record\'s source is recognised from its fields. An event may carry `signature`: hex HMAC-SHA256 over the event without `signature`, serialised with keys sorted at every level, separators "," and ":" and non-ASCII as \\uXXXX (Python json.dumps(sort_keys=True, separators=(",", ":"))), keyed with the device secret or the presented API key / bearer token. A bad signature rejects that event alone (reason bad_signature).',
    },
  })
  .input(
    z
      .object({
        source_type: z
          .string()
          .trim()
          .max(64)
          .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, "_", "." and "-", starting with a letter or digit')
          .optional()
          .describe(`The sender's name for the source: cowrie, suricata, zeek, osquery, syslog, custom, ${AUTO_SOURCE_TYPE} (the default), or any other`),
        hostname: z.string().trim().min(1).max(255).nullable().optional().describe('The host the events come from; recorded as the sensor id'),
        events: z.array(z.unknown()).min(1, 'at least one event is required').max(MAX_EVENTS_PER_REQUEST).optional(),
        wait_for_detection: ZWaitForDetection,
      })
      .loose(),
  )
  .output(ZIngestAnswer.extend({ source_type: z.string().describe('As sent, or auto') }))
  .mutation(async ({ ctx, input }) => {
    const { wait_for_detection: flag, ...body } = input;
    const answer = await ingestMulti(ctx.caller, body, { waitForDetection: detectionWaitRequested(flag) });
    return { ...answer, source_type: body.source_type ?? AUTO_SOURCE_TYPE };
  });
