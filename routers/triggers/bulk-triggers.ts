import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { bulkSetTriggers, ZBulkArchived, ZBulkPaused, ZBulkResumed } from '../../services/triggers/index.ts';
import { orgProcedure } from '../procedures.ts';

const MAX_IDS = 1000;
const ZIds = z.array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER)).max(MAX_IDS);

/**
 * Mini-XDR posts the ids as a bare JSON array. The body parser wraps a bare array as `{events}` for the ingest
 * routes, so the array is read from the request's bytes; `{"ids": [...]}` is accepted too.
 */
function idsOf(rawBody: Buffer | undefined, ids: number[] | undefined): number[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody?.toString('utf8') ?? '');
  } catch {
    parsed = undefined;
  }
  const candidate = Array.isArray(parsed) ? parsed : ids;
  if (candidate === undefined) {
    throw new AppError('VALIDATION_FAILED', 'Send the trigger ids as a JSON array, e.g. [1, 2, 3]', { issues: [{ path: 'ids', message: 'Required' }] });
  }
  const result = ZIds.safeParse(candidate);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({ path: ['ids', ...issue.path].join('.'), message: issue.message }));
    throw new AppError('VALIDATION_FAILED', issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '), { issues });
  }
  return result.data;
}

const input = z.object({ ids: z.array(z.number()).optional().describe('or send the bare JSON array of ids as the body (Mini-XDR)') });

const description = (what: string) =>
  `Body: a bare JSON array of trigger ids (Mini-XDR), e.g. [1, 2, 3], or {"ids": [...]}; at most ${MAX_IDS}. ${what} Ids that are not your organisation's are listed in not_found and change nothing. Audited.`;

export const bulkPauseTriggersProcedure = orgProcedure('response:execute')
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/triggers/bulk/pause',
      tags: ['triggers'],
      summary: 'Pause triggers (enabled=false, status=paused)',
      description: description('Paused triggers do not fire.'),
    },
  })
  .input(input)
  .output(ZBulkPaused)
  .mutation(async ({ ctx, input }) => {
    const { count, notFound } = await bulkSetTriggers(ctx.service, 'pause', idsOf(ctx.request.rawBody, input.ids));
    return { success: true, paused_count: count, not_found: notFound };
  });

export const bulkResumeTriggersProcedure = orgProcedure('response:execute')
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/triggers/bulk/resume',
      tags: ['triggers'],
      summary: 'Resume triggers (enabled=true, status=active), archived ones included',
      description: description('Resumed triggers fire again.'),
    },
  })
  .input(input)
  .output(ZBulkResumed)
  .mutation(async ({ ctx, input }) => {
    const { count, notFound } = await bulkSetTriggers(ctx.service, 'resume', idsOf(ctx.request.rawBody, input.ids));
    return { success: true, resumed_count: count, not_found: notFound };
  });

export const bulkArchiveTriggersProcedure = orgProcedure('response:execute')
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/triggers/bulk/archive',
      tags: ['triggers'],
      summary: 'Archive triggers (enabled=false, status=archived)',
      description: description('Archived triggers do not fire and cannot be enabled until resumed.'),
    },
  })
  .input(input)
  .output(ZBulkArchived)
  .mutation(async ({ ctx, input }) => {
    const { count, notFound } = await bulkSetTriggers(ctx.service, 'archive', idsOf(ctx.request.rawBody, input.ids));
    return { success: true, archived_count: count, not_found: notFound };
  });
