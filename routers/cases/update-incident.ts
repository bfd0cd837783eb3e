import { z } from 'zod';
import { TRANSITIONS, updateIncidentFields, ZIncident } from '../../services/cases/index.ts';
import { orgProcedure } from '../procedures.ts';
import { positiveId, sharedPathVocabulary, ZAssignee, ZSeverityInput, ZStatusInput, ZTags, ZVocabulary } from './incidents.schemas.ts';

const transitions = Object.entries(TRANSITIONS)
  .map(([from, to]) => `${from} → ${to.join(' | ')}`)
  .join('; ');

export const updateIncidentProcedure = orgProcedure('incidents:write')
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/incidents/{incident_id}',
      tags: ['incidents'],
      summary: 'Update an incident: title, description, severity, status, assignee, tags (EventSec)',
      description: `Status follows the lifecycle (${transitions}; stored names, docs/status-vocabularies.md); any other move is a 409 naming the allowed ones in the caller's words. Either API's status words are accepted; asking for the status the caller already reads changes nothing. Reopening a resolved, closed or false-positive incident is the explicit move to open (new). assigned_to takes the user id (integer). Every change is on the incident timeline and in the audit log.`,
    },
  })
  .input(
    z.object({
      incident_id: positiveId('Incident id'),
      title: z.string().trim().min(1).max(300).optional(),
      description: z.string().trim().max(10_000).nullable().optional(),
      severity: ZSeverityInput.optional(),
      status: ZStatusInput.optional(),
      assigned_to: ZAssignee.optional(),
      tags: ZTags.optional(),
      vocabulary: ZVocabulary,
    }),
  )
  .output(ZIncident)
  .mutation(({ ctx, input }) =>
    updateIncidentFields(
      ctx.service,
      input.incident_id,
      {
        title: input.title,
        description: input.description,
        severity: input.severity,
        status: input.status,
        assignedTo: input.assigned_to,
        tags: input.tags,
      },
      sharedPathVocabulary(ctx.service.principal, input.vocabulary),
    ),
  );
