import { z } from 'zod';
import { listLogSources, ZLogSources } from '../../services/agents/index.ts';
import { orgProcedureAnyOf } from '../procedures.ts';

/** Also for reporters (telemetry:report: devices, agents), to see what their reports arrived as. */
export const listSourcesProcedure = orgProcedureAnyOf(['events:read', 'telemetry:report'])
  .meta({ openapi: { method: 'GET', path: '/api/sources', tags: ['agents'], summary: 'Log sources seen in your organisation, computed from stored events' } })
  .input(z.object({ hours: z.coerce.number().int().min(1).max(168).default(24).describe('Window, in hours') }))
  .output(ZLogSources)
  .query(({ ctx, input }) => listLogSources(ctx.service, input.hours));
