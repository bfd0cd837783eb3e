import { z } from 'zod';
import { searchOrgEvents, ZIndexedEvent, ZReportedTime, ZSeverityWord } from '../../services/agents/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZAgentId } from './agents.schemas.ts';

export const listEventsProcedure = orgProcedure('events:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/events',
      tags: ['agents'],
      summary: 'Search stored events, newest first (default: the last 24 hours; at most 31 days per query)',
    },
  })
  .input(
    z.object({
      query: z.string().max(200).optional().describe('Case-insensitive substring of message, event type, host or user (taken literally)'),
      severity: ZSeverityWord.optional(),
      event_type: z.string().trim().min(1).max(128).optional(),
      agent_id: ZAgentId.optional(),
      kql: z
        .string()
        .max(2000)
        .optional()
        .describe(
          'A KQL predicate over the Events columns, AND-ed with the other filters, e.g. `SrcIp == "203.0.113.7" and DstPort in (22, 3389)`; errors are 400 with error_type, line and column as in POST /search/kql',
        ),
      since: ZReportedTime.optional().describe('ISO 8601; default: 24 hours before until'),
      until: ZReportedTime.optional().describe('ISO 8601; default: now'),
      size: z.coerce.number().int().min(1).max(500).default(100),
      offset: z.coerce.number().int().min(0).max(10_000).default(0),
    }),
  )
  .output(z.array(ZIndexedEvent))
  .query(async ({ ctx, input }) => searchOrgEvents(ctx.service, input));
