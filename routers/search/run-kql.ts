import { z } from 'zod';
import { kqlErrorDetail, runKqlQuery, validateKqlQuery, ZKqlRunResult, ZKqlValidation } from '../../services/search/index.ts';
import { orgProcedure } from '../procedures.ts';

const ZQuery = z.string().min(1).max(5000).describe('A KQL query (Events, Alerts, Incidents, Sentinel-style views, EventSec names)');
const ZTime = z.coerce.date().describe('ISO 8601; every table is bounded by [start_time, end_time] (default: the last 24 h, at most 31 days)');

export const runKqlProcedure = orgProcedure('events:read')
  .meta({
    openapi: {
      method: 'POST',
      path: '/search/kql',
      tags: ['search'],
      summary: 'Run a KQL query over the organisation’s events, alerts and incidents (EventSec contract)',
    },
  })
  .input(
    z.object({
      query: ZQuery,
      limit: z.number().int().min(1).max(500).default(200).describe('Rows returned at most (1–500, default 200)'),
      start_time: ZTime.optional(),
      end_time: ZTime.optional(),
    }),
  )
  .output(ZKqlRunResult.extend({ error_type: z.null().describe('Always null on success (EventSec)') }))
  .mutation(async ({ ctx, input }) => {
    const result = await runKqlQuery(ctx.service, { query: input.query, limit: input.limit, startTime: input.start_time, endTime: input.end_time });
    return { ...result, error_type: null };
  });

export const validateKqlProcedure = orgProcedure('events:read')
  .meta({
    openapi: {
      method: 'POST',
      path: '/search/kql/validate',
      tags: ['search'],
      summary: 'Check a KQL query without running it: diagnostics with line, column, expected tokens and nearest names',
    },
  })
  .input(z.object({ query: ZQuery }))
  .output(ZKqlValidation)
  .mutation(({ ctx, input }) => {
    const validation = validateKqlQuery(ctx.service, { query: input.query });
    return { ...validation, diagnostics: validation.diagnostics.map(kqlErrorDetail) };
  });
