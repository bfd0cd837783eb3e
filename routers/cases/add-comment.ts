import { z } from 'zod';
import { addIncidentComment, ZTimelineEntry } from '../../services/cases/index.ts';
import { orgProcedure } from '../procedures.ts';
import { positiveId } from './incidents.schemas.ts';

export const addCommentProcedure = orgProcedure('incidents:write')
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/incidents/{id}/comments',
      tags: ['incidents'],
      summary: 'Comment on an incident; 201 with the timeline entry',
      description: 'Comments are timeline entries of kind `comment` (neither seed has comments; this path is new). Audited.',
    },
  })
  .input(z.object({ id: positiveId('Incident id'), body: z.string().trim().min(1).max(10_000) }))
  .output(ZTimelineEntry)
  .mutation(async ({ ctx, input }) => {
    const entry = await addIncidentComment(ctx.service, input.id, input.body);
    ctx.response.status = 201;
    return entry;
  });
