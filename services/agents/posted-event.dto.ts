import { z } from 'zod';
import { SEVERITY_WORDS } from '../events/index.ts';

export const ZPostedEvent = z.object({
  id: z.number().int().describe('Stored event id; on a replay, the id of the event already stored'),
  agent_id: z.number().int().nullable().describe('The agent (integer id), when posted with an agent key'),
  event_type: z.string(),
  severity: z.enum(SEVERITY_WORDS),
  category: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  created_at: z.string().describe('When the server first received it'),
  timestamp: z.string().describe('When it happened'),
  deduplicated: z.boolean().describe('True when this was a replay of an event already stored (nothing new was written)'),
});
export type PostedEvent = z.infer<typeof ZPostedEvent>;

export const ZBatchSummary = z.object({
  received: z.number().int(),
  stored: z.number().int(),
  deduplicated: z.number().int(),
  rejected: z.array(z.object({ index: z.number().int(), reason: z.string(), field: z.string().nullable() })),
});
export type BatchSummary = z.infer<typeof ZBatchSummary>;
