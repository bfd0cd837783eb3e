import { z } from 'zod';
import { ZReportedTime } from '../../services/agents/index.ts';

/** An IP address; an empty string (agents that found none) counts as absent. */
export const ZOptionalIp = z
  .union([z.ipv4(), z.ipv6(), z.literal('')])
  .optional()
  .transform((value) => (value === '' ? undefined : value))
  .describe('IPv4 or IPv6 address');

/** An agent id as paths and query strings carry it: a positive integer. */
export const ZAgentId = z.coerce
  .number({ error: 'must be a positive integer' })
  .int('must be a positive integer')
  .min(1, 'must be a positive integer')
  .max(Number.MAX_SAFE_INTEGER, 'must be a positive integer')
  .describe('Agent id (integer)');

export const ZAgentIdParam = z.object({ agent_id: ZAgentId });

// Statuses the server derives; an agent reporting them would misrepresent its state.
const RESERVED_STATUSES = ['enrolled', 'revoked'];

/** What an agent sends with a heartbeat, on either heartbeat path. */
export const ZHeartbeatBody = z.object({
  version: z.string().trim().max(100).optional(),
  ip_address: ZOptionalIp,
  status: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9_-]{0,31}$/, 'a short word such as online, degraded or isolated')
    .refine((status) => !RESERVED_STATUSES.includes(status), `${RESERVED_STATUSES.join(' and ')} are set by the server`)
    .optional()
    .describe("What the agent reports (default 'online')"),
  last_seen: ZReportedTime.optional().describe("The agent's clock; kept as reported, never used for liveness"),
  heartbeat_interval_seconds: z.number().int().min(5).max(86_400).optional().describe('How often this agent sends heartbeats (default 60)'),
});
