import { z } from 'zod';
import { listAuditEntries, ZAuditPage } from '../../services/identity/index.ts';
import { orgProcedure } from '../procedures.ts';

export const listAuditProcedure = orgProcedure('audit:read')
  .meta({ openapi: { method: 'GET', path: '/api/audit', tags: ['audit'], summary: "The organisation's audit log (admin), newest first" } })
  .input(
    z.object({
      limit: z.coerce.number().int().min(1).max(500).default(100),
      before_id: z.coerce.number().int().positive().optional().describe('Cursor: entries older than this id'),
      action: z.string().max(100).optional(),
    }),
  )
  .output(ZAuditPage)
  .query(({ ctx, input }) => listAuditEntries(ctx.service, { limit: input.limit, beforeId: input.before_id, action: input.action }));
