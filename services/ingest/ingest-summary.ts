import type { OrgServiceContext } from '../../core/context.ts';
import { type IngestRequest, ingestRecords } from './ingest.service.ts';

export type RecordRejection = { index: number; reason: string; field: string | null };
export type IngestCounts = { stored: number; deduplicated: number; rejected: RecordRejection[] };
export type IngestSummary = IngestCounts & { received: number };
export type IndexedRecord = { index: number; record: unknown };

/** Ingests part of a request's batch, reporting each rejection by its position in the whole batch. */
export async function ingestIndexed(ctx: OrgServiceContext, request: Omit<IngestRequest, 'records'>, entries: readonly IndexedRecord[]): Promise<IngestCounts> {
  if (entries.length === 0) return { stored: 0, deduplicated: 0, rejected: [] };
  const result = await ingestRecords(ctx, { ...request, records: entries.map((entry) => entry.record) });
  return {
    stored: result.stored,
    deduplicated: result.deduplicated,
    rejected: result.rejected.map((rejection) => ({
      index: entries[rejection.index]?.index ?? rejection.index,
      reason: rejection.reason,
      field: rejection.field ?? null,
    })),
  };
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
