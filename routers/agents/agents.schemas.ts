import { z } from 'zod';

/** An IP address; an empty string (agents that found none) counts as absent. */
export const ZOptionalIp = z
  .union([z.ipv4(), z.ipv6(), z.literal('')])
  .optional()
  .transform((value) => (value === '' ? undefined : value))
  .describe('IPv4 or IPv6 address');

export const ZAgentIdParam = z.object({ agent_id: z.uuid().describe('Agent id (UUID)') });
