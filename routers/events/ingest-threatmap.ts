import { ingestThreatmap, ZThreatmapIngestResult } from '../../services/ingest/index.ts';
import { orgProcedure } from '../procedures.ts';
import { recordsOf, ZOneOrManyEvents } from './network.schemas.ts';

export const ingestThreatmapProcedure = orgProcedure('events:write')
  .meta({
    acceptsRecordsWithNul: true,
    openapi: {
      method: 'POST',
      path: '/threatmap/ingest',
      tags: ['threatmap'],
      summary: 'Store threat-map attack events: one IngestEventIn or {events: [...]}',
      description:
        'Item: {id?, ts, src_ip?, dst_ip?, attack_type (Web|DDoS|Intrusion|Scanner|Anonymizer|Bot|Malware|Phishing|DNS|Email), severity 1–10, volume? {pps, bps}, tags[], confidence 0–1, source}. ' +
        'Items with the same id are stored once.',
    },
  })
  .input(ZOneOrManyEvents)
  .output(ZThreatmapIngestResult)
  .mutation(async ({ ctx, input }) => {
    const { records, single } = recordsOf(input);
    const result = await ingestThreatmap(ctx.service, records, single);
    if (result.stored > 0) ctx.response.status = 201;
    return result;
  });
