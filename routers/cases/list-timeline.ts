import { z } from 'zod';
import { listIncidentTimeline, ZTimelinePage } from '../../services/cases/index.ts';
import { orgProcedure } from '../procedures.ts';
import { positiveId, ZMiniXdrVocabulary } from './incidents.schemas.ts';

const ZKinds = z
  .string()
  .trim()
  .max(200)
  .transform((value) => value.split(',').map((kind) => kind.trim()))
  .pipe(
    z
      .array(z.string().regex(/^[a-z_]{1,32}$/, 'must be timeline kinds such as comment, status_changed'))
      .min(1)
      .max(10),
  );

export const listTimelineProcedure = orgProcedure('incidents:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/incidents/{id}/timeline',
      tags: ['incidents'],
      summary: "An incident's timeline: creation, alerts, items, status and assignment changes, comments",
      description: 'Oldest first. kinds=comment lists only comments; kinds takes a comma-separated list.',
    },
  })
  .input(
    z.object({
      id: positiveId('Incident id'),
      kinds: ZKinds.optional(),
      limit: z.coerce.number().int().min(1).max(500).default(200),
      offset: z.coerce.number().int().min(0).max(100_000).default(0),
      vocabulary: ZMiniXdrVocabulary,
    }),
  )
  .output(ZTimelinePage)
  .query(({ ctx, input }) =>
    listIncidentTimeline(ctx.service, input.id, { limit: input.limit, offset: input.offset, kinds: input.kinds }, input.vocabulary ?? 'minixdr'),
  );
