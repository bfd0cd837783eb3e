import { z } from 'zod';
import { ingestCowrie, MAX_EVENTS_PER_REQUEST, ZIngestAnswer } from '../../services/ingest/index.ts';
import { detectionWaitRequested, ZDeviceSignatureHeaders, ZWaitForDetection } from './ingest.schemas.ts';
import { deviceOrOrgProcedure } from './ingest-auth.ts';

export const ingestCowrieProcedure = deviceOrOrgProcedure('events:write')
  .meta({
    acceptsRecordsWithNul: true,
    openapi: {
      method: 'POST',
      path: '/ingest/cowrie',
      tags: ['ingest'],
      summary: 'Cowrie honeypot events from an HMAC-signing device, or a user/API key with events:write',
      description:
        'Body: one Cowrie JSON event, an array of them, NDJSON (application/x-ndjson) or concatenated JSON objects (Fluent Bit json, json_lines and json_stream); gzip accepted. Authenticate with the device HMAC headers (every failure is a 401 whose detail names the check that failed; the device name is the sensor id) or, for log forwarders that send static headers, x-api-key / Authorization: Bearer with an API key. Events are stored in the credential organisation; a replay is counted as deduplicated.',
      protect: false,
      requestHeaders: ZDeviceSignatureHeaders,
    },
  })
  .input(z.object({ events: z.array(z.unknown()).max(MAX_EVENTS_PER_REQUEST).optional(), wait_for_detection: ZWaitForDetection }).loose())
  .output(ZIngestAnswer)
  .mutation(({ ctx, input }) => {
    const { wait_for_detection: flag, ...body } = input;
    return ingestCowrie(ctx.caller, body, { waitForDetection: detectionWaitRequested(flag) });
  });
