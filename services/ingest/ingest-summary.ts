import { z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import { type IngestRequest, ingestRecords } from './ingest.service.ts';

export const ZRecordRejection = z.object({
  index: z.number().int().describe("The record's position in the request (0-based)"),
  reason: z.string().describe('missing_field, invalid_timestamp, not_an_object, bad_signature, …'),
  field: z.string().nullable(),
});
export type RecordRejection = z.infer<typeof ZRecordRejection>;

export const ZIngestSummary = z.object({
  stored: z.number().int().describe('New events stored'),
  deduplicated: z.number().int().describe('Events already stored (a retry or replay), not stored twice'),
  rejected: z.array(ZRecordRejection),
  received: z.number().int(),
  processed: z
    .number()
    .int()
    .describe("Events accepted, stored now or already stored (received − rejected): Mini-XDR's count, which its scripts compare with the number sent"),
});
export type IngestSummary = z.infer<typeof ZIngestSummary>;
export type IngestCounts = Pick<IngestSummary, 'stored' | 'deduplicated' | 'rejected'>;
export type IndexedRecord = { index: number; record: unknown };

/** The rows a batch added, for waiting on the detection pass that reads them. */
export type StoredBatch = { storedIds: readonly number[]; earliestOccurredAt: Date | null };
export type IngestOutcome = IngestCounts & StoredBatch;

/** Ingests part of a request's batch, reporting each rejection by its position in the whole batch. */
export async function ingestIndexed(
  ctx: OrgServiceContext,
  request: Omit<IngestRequest, 'records'>,
  entries: readonly IndexedRecord[],
): Promise<IngestOutcome> {
  if (entries.length === 0) return { stored: 0, deduplicated: 0, rejected: [], storedIds: [], earliestOccurredAt: null };
  const result = await ingestRecords(ctx, { ...request, records: entries.map((entry) => entry.record) });
  return {
    stored: result.stored,
    deduplicated: result.deduplicated,
    rejected: result.rejected.map((rejection) => ({
      index: entries[rejection.index]?.index ?? rejection.index,
      reason: rejection.reason,
      field: rejection.field ?? null,
    })),
    storedIds: result.storedIds,
    earliestOccurredAt: earliest(result.events.map((event) => event.occurredAt)),
  };
}

export function summarise(received: number, counts: IngestCounts): IngestSummary {
  return { stored: counts.stored, deduplicated: counts.deduplicated, rejected: counts.rejected, received, processed: counts.stored + counts.deduplicated };
}

export function addCounts(parts: readonly IngestCounts[]): IngestCounts {
  return {
    stored: parts.reduce((sum, part) => sum + part.stored, 0),
    deduplicated: parts.reduce((sum, part) => sum + part.deduplicated, 0),
    rejected: parts.flatMap((part) => part.rejected).sort((a, b) => a.index - b.index),
  };
}

export function indexed(records: readonly unknown[]): IndexedRecord[] {
  return records.map((record, index) => ({ index, record }));
}

function earliest(times: readonly Date[]): Date | null {
  return times.reduce<Date | null>((min, time) => (min === null || time < min ? time : min), null);
}
