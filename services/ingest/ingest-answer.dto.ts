import { z } from 'zod';
import { ZIngestSummary } from './ingest-summary.ts';

export const ZBatchDetection = z.object({
  detection_complete: z
    .boolean()
    .describe('true once a detection pass has evaluated every event this request stored; false when the wait ended first (detection still runs later)'),
  incidents_detected: z.number().int().describe('How many incidents the events stored by this request are filed under (new or existing ones)'),
  incident_ids: z.array(z.number().int()).describe('Those incidents, ascending, as GET /incidents lists them'),
});
export type BatchDetection = z.infer<typeof ZBatchDetection>;

/** An ingest answer; the detection fields only when the caller asked to wait for detection (`wait_for_detection`). */
export const ZIngestAnswer = ZIngestSummary.extend(ZBatchDetection.partial().shape);
export type IngestAnswer = z.infer<typeof ZIngestAnswer>;

export type IngestOptions = { waitForDetection: boolean };
