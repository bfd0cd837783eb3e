import { z } from 'zod';
import { createIncident, ZIncident } from '../../services/cases/index.ts';
import { orgProcedure } from '../procedures.ts';
import { sharedPathVocabulary, ZAssignee, ZItemInput, ZSeverityInput, ZStatusInput, ZTags, ZVocabulary } from './incidents.schemas.ts';

export const createIncidentProcedure = orgProcedure('incidents:write')
  .meta({
    openapi: {
      method: 'POST',
      path: '/incidents',
      tags: ['incidents'],
      summary: 'Create an incident by hand (EventSec); 201',
      description:
        'Risk score 0 and escalation_level = severity until detections are attached. Items referencing an alert or event must exist in your organisation (404). The creation, assignment and items are on the incident timeline and in the audit log.',
    },
  })
  .input(
    z.object({
      title: z.string().trim().min(1).max(300),
      description: z.string().trim().max(10_000).optional(),
      severity: ZSeverityInput.default('medium'),
      status: ZStatusInput.optional().describe("open (EventSec's new) by default; either API's words"),
      assigned_to: ZAssignee.optional(),
      tags: ZTags.default([]),
      items: z.array(ZItemInput).max(100).default([]),
      vocabulary: ZVocabulary,
    }),
  )
  .output(ZIncident)
  .mutation(async ({ ctx, input }) => {
    const unique = new Map(input.items.map((item) => [`${item.kind}:${item.ref_id}`, { kind: item.kind, refId: item.ref_id }]));
    const incident = await createIncident(
      ctx.service,
      {
        title: input.title,
        description: input.description,
        severity: input.severity,
        status: input.status,
        assignedTo: input.assigned_to,
        tags: input.tags,
        items: [...unique.values()],
      },
      sharedPathVocabulary(ctx.service.principal, input.vocabulary),
    );
    ctx.response.status = 201;
    return incident;
  });
