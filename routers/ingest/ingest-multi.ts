import { z } from 'zod';
import { ingestMulti, MAX_EVENTS_PER_REQUEST, MULTI_SOURCE_TYPES, ZIngestSummary } from '../../services/ingest/index.ts';
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
        'Authenticate with the device HMAC headers (as /ingest/cowrie) or a bearer token / x-api-key. An event may carry `signature`: hex HMAC-SHA256 over the event without `signature`, serialised with keys sorted at every level, separators "," and ":" and non-ASCII as \\uXXXX (Python json.dumps(sort_keys=True, separators=(",", ":"))), keyed with the device secret or the presented API key / bearer token. A bad signature rejects that event alone (reason bad_signature).',
    },
  })
  .input(
    z.object({
      source_type: z.enum(MULTI_SOURCE_TYPES),
      hostname: z.string().trim().min(1).max(255).nullable().optional().describe('The host the events come from; recorded as the sensor id'),
      events: z.array(z.unknown()).min(1, 'at least one event is required').max(MAX_EVENTS_PER_REQUEST),
    }),
  )
  .output(ZIngestSummary.extend({ source_type: z.enum(MULTI_SOURCE_TYPES) }))
  .mutation(async ({ ctx, input }) => {
    const summary = await ingestMulti(ctx.caller, { sourceType: input.source_type, hostname: input.hostname ?? null, events: input.events });
    return { ...summary, source_type: input.source_type };
  });
