import { z } from 'zod';
import type { AgentView } from '../../db/repos/agents.repo.ts';

/** EventSec's Agent, plus the heartbeat contract and key history. */
export const ZAgent = z.object({
  id: z.number().int().describe('Agent id (integer), used in /agents/{agent_id} paths'),
  uuid: z.string().describe('Internal agent id, as audit entries name the agent'),
  name: z.string().describe('Host name the agent enrolled with; several agents may share one'),
  os: z.string(),
  ip_address: z.string().nullable(),
  version: z.string().nullable(),
  tags: z.array(z.string()),
  status: z
    .string()
    .describe(
      "'revoked'; 'offline' when no heartbeat arrived for 3 heartbeat intervals (computed when read); 'enrolled' before the first heartbeat; otherwise the status the agent reported (usually 'online')",
    ),
  reported_status: z.string().describe('The status the agent last reported, as sent'),
  last_heartbeat: z.string().nullable().describe('Server time of the last heartbeat (ISO 8601)'),
  last_seen: z.string().nullable().describe("The agent's own clock at its last heartbeat, as reported"),
  last_ip: z.string().nullable().describe('Address the last heartbeat came from, as seen by the server'),
  heartbeat_interval_seconds: z.number().int(),
  created_at: z.string(),
  key_rotated_at: z.string().describe('When the agent key was last issued (enrolment or re-enrolment)'),
  revoked_at: z.string().nullable(),
});
export type AgentDto = z.infer<typeof ZAgent>;

export function agentStatus(agent: AgentView): string {
  if (agent.revoked_at) return 'revoked';
  if (agent.silent) return 'offline';
  if (!agent.last_heartbeat) return 'enrolled';
  return agent.status;
}

export function toAgentDto(agent: AgentView): AgentDto {
  return {
    id: agent.public_id,
    uuid: agent.id,
    name: agent.name,
    os: agent.os,
    ip_address: agent.ip_address,
    version: agent.version,
    tags: agent.tags,
    status: agentStatus(agent),
    reported_status: agent.status,
    last_heartbeat: agent.last_heartbeat?.toISOString() ?? null,
    last_seen: agent.last_seen?.toISOString() ?? null,
    last_ip: agent.last_ip,
    heartbeat_interval_seconds: agent.heartbeat_interval_seconds,
    created_at: agent.created_at.toISOString(),
    key_rotated_at: agent.key_rotated_at.toISOString(),
    revoked_at: agent.revoked_at?.toISOString() ?? null,
  };
}

export const ZHeartbeatReceipt = z.object({
  detail: z.string(),
  agent_id: z.number().int(),
  status: z.string(),
  last_heartbeat: z.string().nullable(),
  heartbeat_interval_seconds: z.number().int(),
});
export type HeartbeatReceipt = z.infer<typeof ZHeartbeatReceipt>;

export function toHeartbeatReceiptDto(agent: AgentView): HeartbeatReceipt {
  return {
    detail: 'Heartbeat recorded',
    agent_id: agent.public_id,
    status: agentStatus(agent),
    last_heartbeat: agent.last_heartbeat?.toISOString() ?? null,
    heartbeat_interval_seconds: agent.heartbeat_interval_seconds,
  };
}
