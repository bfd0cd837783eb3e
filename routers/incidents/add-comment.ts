import { z } from 'zod';
import { orgContext, orgProcedure } from '../../server/auth/procedures.ts';
import { addIncidentComment } from '../../services/incidents/incident-comments.service.ts';
import { ZTimelineEntry } from '../../services/incidents/incident-detail.dto.ts';
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
    const entry = await addIncidentComment(orgContext(ctx), input.id, input.body);
    ctx.response.status = 201;
    return entry;
  });
