import { z } from 'zod';
import { listLogSources, ZLogSources } from '../../services/agents/index.ts';
import { orgProcedure } from '../procedures.ts';

export const listSourcesProcedure = orgProcedure('events:read')
  .meta({ openapi: { method: 'GET', path: '/api/sources', tags: ['agents'], summary: 'Log sources seen in your organisation, computed from stored events' } })
  .input(z.object({ hours: z.coerce.number().int().min(1).max(168).default(24).describe('Window, in hours') }))
  .output(ZLogSources)
  .query(({ ctx, input }) => listLogSources(ctx.service, input.hours));
