import { z } from 'zod';
import { ingestCowrie, MAX_EVENTS_PER_REQUEST, ZIngestSummary } from '../../services/ingest/index.ts';
import { ZDeviceSignatureHeaders } from './ingest.schemas.ts';
import { deviceSignedProcedure } from './ingest-auth.ts';

export const ingestCowrieProcedure = deviceSignedProcedure
  .meta({
    acceptsRecordsWithNul: true,
    openapi: {
      method: 'POST',
      path: '/ingest/cowrie',
      tags: ['ingest'],
      summary: 'Cowrie honeypot events from an HMAC-signing device',
      description:
        'Body: one Cowrie JSON event, an array of them, or NDJSON (application/x-ndjson); gzip accepted. Every authentication failure is a 401 whose detail names the check that failed. Events are stored in the device organisation; a replay is counted as deduplicated.',
      protect: false,
      requestHeaders: ZDeviceSignatureHeaders,
    },
  })
  .input(z.object({ events: z.array(z.unknown()).max(MAX_EVENTS_PER_REQUEST).optional() }).loose())
  .output(ZIngestSummary)
  .mutation(({ ctx, input }) => ingestCowrie(ctx.device.ctx, ctx.device.device, input));
