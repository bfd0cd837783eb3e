import { z } from 'zod';
import type { EndpointActionRow } from '../../../db/repos/endpoint-actions.repo.ts';
import type { AgentDto } from '../../agents/index.ts';

const NOT_COLLECTED = 'Not collected by Vigil’s agents: always null (EventSec only ever filled it from demo fixtures)';

/**
 * EventSec's Endpoint, for one enrolled agent. Only what Vigil knows from its agents is filled; the
 * inventory fields EventSec showed from seed fixtures are null rather than invented.
 */
export const ZEndpoint = z.object({
  id: z.number().int().describe('Endpoint id: the agent id (integer), as in /agents/{agent_id}'),
  hostname: z.string().describe('The host name the agent enrolled with, lower-cased'),
  display_name: z.string().describe('The host name as the agent sent it'),
  status: z
    .string()
    .describe(
      "'isolated' when the agent's latest completed isolate/release action is an isolate (the agent's own report); otherwise the agent's state: 'revoked', 'offline' (no heartbeat for 3 intervals), 'enrolled' (no heartbeat yet) or what it last reported (usually 'online')",
    ),
  agent_status: z.string().describe('Same rule as status (EventSec kept both)'),
  isolated: z.boolean().describe('The agent reported an isolation it has not since reported released'),
  isolated_at: z.string().nullable().describe('When the agent reported the isolation in force (ISO 8601)'),
  agent_version: z.string().nullable(),
  ip_address: z.string().nullable().describe('The address the agent reports, else the one its last heartbeat came from'),
  owner: z.string().nullable().describe(NOT_COLLECTED),
  os: z.string(),
  os_version: z.string().nullable().describe(NOT_COLLECTED),
  cpu_model: z.string().nullable().describe(NOT_COLLECTED),
  ram_gb: z.number().nullable().describe(NOT_COLLECTED),
  disk_gb: z.number().nullable().describe(NOT_COLLECTED),
  resource_usage: z.object({ cpu: z.number(), memory: z.number(), disk: z.number() }).nullable().describe(NOT_COLLECTED),
  last_seen: z.string().nullable().describe('Server time of the last heartbeat (ISO 8601); null before the first'),
  location: z.string().nullable().describe(NOT_COLLECTED),
  processes: z
    .array(z.object({ name: z.string(), pid: z.number(), user: z.string(), cpu: z.number(), ram: z.number() }))
    .nullable()
    .describe(NOT_COLLECTED),
  alerts_open: z.number().int().nullable().describe('Not computed (EventSec never computed it either): always null'),
  tags: z.array(z.string()),
  enrolled_at: z.string().describe('When the agent enrolled (ISO 8601)'),
});
export type EndpointDto = z.infer<typeof ZEndpoint>;

/** `latest`: the agent's latest completed isolate or release, if any. */
export function toEndpointDto(agent: AgentDto, latest: EndpointActionRow | undefined): EndpointDto {
  const isolated = agent.status !== 'revoked' && latest?.action_type === 'isolate';
  const state = isolated ? 'isolated' : agent.status;
  return {
    id: agent.id,
    hostname: agent.name.toLowerCase(),
    display_name: agent.name,
    status: state,
    agent_status: state,
    isolated,
    isolated_at: isolated ? (latest?.completed_at?.toISOString() ?? null) : null,
    agent_version: agent.version,
    ip_address: agent.ip_address ?? agent.last_ip,
    owner: null,
    os: agent.os,
    os_version: null,
    cpu_model: null,
    ram_gb: null,
    disk_gb: null,
    resource_usage: null,
    last_seen: agent.last_heartbeat,
    location: null,
    processes: null,
    alerts_open: null,
    tags: agent.tags,
    enrolled_at: agent.created_at,
  };
}
