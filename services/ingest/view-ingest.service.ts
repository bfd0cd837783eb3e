import { z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { findEventByDedupKey } from '../../db/repos/events.repo.ts';
import type { EventView } from '../events/index.ts';
import { type IngestResult, ingestRecords } from './ingest.service.ts';
import { enforceIngestRateLimit } from './ingest-rate-limit.ts';
import { describeRejection, ZIngestError } from './network-ingest-errors.ts';

export const ZViewIngestResult = z.object({
  accepted: z.number().int().describe('Stored by this call or already stored (replay)'),
  stored: z.number().int(),
  deduplicated: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(ZIngestError),
});
export type ViewIngestResult = z.infer<typeof ZViewIngestResult>;
/** For a single event, also the id of its row: stored by this call, or by the call it replays. */
export type ViewIngestOutcome = ViewIngestResult & { eventId?: number };

/**
 * POST /edr/events and /siem/events: one event or a batch, stored for real (channel and parser edr or
 * siem). A single event that does not parse is a 400; in a batch each reject is reported by index.
 */
export async function ingestViewEvents(ctx: OrgServiceContext, view: EventView, records: readonly unknown[], single: boolean): Promise<ViewIngestOutcome> {
  await enforceIngestRateLimit(ctx);
  const result = await ingestRecords(ctx, { channel: view, source: view, records });
  const errors = result.rejected.map((rejection) => describeRejection(rejection, records[rejection.index]));
  const first = errors[0];
  if (single && first) {
    const path = first.field ?? '(body)';
    throw new AppError('VALIDATION_FAILED', `The event was rejected: ${first.reason}${first.field ? ` (${first.field})` : ''}`, {
      issues: [{ path, message: first.hint }],
    });
  }
  const summary = { accepted: result.stored + result.deduplicated, stored: result.stored, deduplicated: result.deduplicated, rejected: errors.length, errors };
  return single ? { ...summary, eventId: await singleEventId(ctx, result) } : summary;
}

async function singleEventId(ctx: OrgServiceContext, result: IngestResult): Promise<number> {
  const stored = result.storedIds[0];
  if (stored !== undefined) return stored;
  const event = result.events[0];
  const found = event && (await findEventByDedupKey(ctx.deps.db, ctx.orgId, event.dedupKey.replaceAll('\u0000', '\uFFFD'), event.occurredAt));
  if (!found) throw new Error('ingested event not found by its dedup key');
  return found.id;
}
