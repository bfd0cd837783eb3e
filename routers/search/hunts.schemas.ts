import { z } from 'zod';

export const ZHuntIdParam = z.object({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).describe('Hunt id'),
});

/** `true`/`false` in a query string (also 1/0, yes/no). */
const ZBooleanParam = z.preprocess((value) => {
  if (typeof value !== 'string') return value;
  const lowered = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(lowered)) return true;
  if (['false', '0', 'no'].includes(lowered)) return false;
  return value;
}, z.boolean());

export const ZHuntListQuery = z.object({
  enabled: ZBooleanParam.optional(),
  scheduled: ZBooleanParam.optional().describe('true: only hunts with a schedule; false: only on-demand ones'),
});

export const ZHuntRunsQuery = ZHuntIdParam.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before_id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().describe('next_cursor of the previous page'),
});
