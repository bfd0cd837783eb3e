import { z } from 'zod';

const ZLogSource = z.object({
  id: z.string().describe('<channel>:<source_type>[:<agent_id>]'),
  source_type: z.string().describe('agent, cowrie, suricata, zeek, syslog…'),
  channel: z.string().describe('The ingest route family the events came through'),
  hostname: z.string().nullable().describe("The agent's name, for agent sources"),
  agent_id: z.number().int().nullable(),
  agent_version: z.string().nullable(),
  status: z.enum(['active', 'stale']).describe('active: an event within the last hour'),
  events_processed: z.number().int().describe('Events stored in the window'),
  last_event_ts: z.string(),
});
export type LogSource = z.infer<typeof ZLogSource>;

/** Mini-XDR's log sources answer. */
export const ZLogSources = z.object({ success: z.literal(true), window_hours: z.number().int(), sources: z.array(ZLogSource) });
export type LogSources = z.infer<typeof ZLogSources>;

export const ZTelemetryStatus = z.object({
  hasLogs: z.boolean(),
  lastEventAt: z.string().nullable().describe('Time of the newest stored event'),
  assetsDiscovered: z.number().int().describe('Distinct host names in the events of the last 24 hours'),
  agentsEnrolled: z.number().int().describe('Agents not revoked'),
  incidents: z.number().int().nullable().describe('null: incidents are not tracked by this version'),
  agents: z.object({ total: z.number().int(), online: z.number().int(), offline: z.number().int().describe('Silent for 3 heartbeat intervals') }),
});
export type TelemetryStatus = z.infer<typeof ZTelemetryStatus>;
