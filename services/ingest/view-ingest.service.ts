import { z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import type { EventView } from '../events/index.ts';
import { ingestRecords } from './ingest.service.ts';
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

/**
 * POST /edr/events and /siem/events: one event or a batch, stored for real (channel and parser edr or
 * siem). A single event that does not parse is a 400; in a batch each reject is reported by index.
 */
export async function ingestViewEvents(ctx: OrgServiceContext, view: EventView, records: readonly unknown[], single: boolean): Promise<ViewIngestResult> {
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
  return { accepted: result.stored + result.deduplicated, stored: result.stored, deduplicated: result.deduplicated, rejected: errors.length, errors };
}
