import { z } from 'zod';
import { listAuditEntries } from '../../services/identity/index.ts';
import { orgProcedure } from '../procedures.ts';

const ZAuditEntry = z.object({
  id: z.number().int(),
  action: z.string(),
  outcome: z.string(),
  actor_type: z.string(),
  actor_id: z.string().nullable(),
  target_type: z.string().nullable(),
  target_id: z.string().nullable(),
  request_id: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  created_at: z.string(),
});

export const listAuditProcedure = orgProcedure('audit:read')
  .meta({ openapi: { method: 'GET', path: '/api/audit', tags: ['audit'], summary: "The organisation's audit log (admin), newest first" } })
  .input(
    z.object({
      limit: z.coerce.number().int().min(1).max(500).default(100),
      before_id: z.coerce.number().int().positive().optional().describe('Cursor: entries older than this id'),
      action: z.string().max(100).optional(),
    }),
  )
  .output(z.object({ items: z.array(ZAuditEntry), next_cursor: z.number().int().nullable() }))
  .query(async ({ ctx, input }) => {
    const rows = await listAuditEntries(ctx.service, { limit: input.limit + 1, beforeId: input.before_id, action: input.action });
    const page = rows.slice(0, input.limit);
    return {
      items: page.map((row) => ({ ...row, details: row.details as Record<string, unknown>, created_at: row.created_at.toISOString() })),
      next_cursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
    };
  });
