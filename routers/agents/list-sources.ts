import { z } from 'zod';
import { listLogSources } from '../../services/agents/index.ts';
import { orgProcedure } from '../procedures.ts';

const ZLogSource = z.object({
  id: z.string().describe('<channel>:<source_type>[:<agent_id>]'),
  source_type: z.string().describe('agent, cowrie, suricata, zeek, syslog…'),
  channel: z.string().describe('The ingest route family the events came through'),
  hostname: z.string().nullable().describe("The agent's name, for agent sources"),
  agent_id: z.string().nullable(),
  agent_version: z.string().nullable(),
  status: z.enum(['active', 'stale']).describe('active: an event within the last hour'),
  events_processed: z.number().int().describe('Events stored in the window'),
  last_event_ts: z.string(),
});

export const listSourcesProcedure = orgProcedure('events:read')
  .meta({ openapi: { method: 'GET', path: '/api/sources', tags: ['agents'], summary: 'Log sources seen in your organisation, computed from stored events' } })
  .input(z.object({ hours: z.coerce.number().int().min(1).max(168).default(24).describe('Window, in hours') }))
  .output(z.object({ success: z.literal(true), window_hours: z.number().int(), sources: z.array(ZLogSource) }))
  .query(async ({ ctx, input }) => ({
    success: true as const,
    window_hours: input.hours,
    sources: await listLogSources(ctx.service, input.hours),
  }));
