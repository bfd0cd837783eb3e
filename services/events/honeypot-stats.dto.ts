import { z } from 'zod';

const ZAttackerDetail = z.object({
  total_events: z.number().int(),
  first_seen: z.string(),
  last_seen: z.string(),
  event_types: z.array(z.string()),
  attack_categories: z.array(z.string()),
  duration_hours: z.number(),
});
export type AttackerDetail = z.infer<typeof ZAttackerDetail>;

const ZValueCount = z.object({ value: z.string(), count: z.number().int() });
export type ValueCount = z.infer<typeof ZValueCount>;

/** Mini-XDR's honeypot attacker statistics, plus the top credentials, commands and downloads. */
export const ZHoneypotAttackerStats = z.object({
  timeframe_hours: z.number().int(),
  total_attackers: z.number().int(),
  total_events: z.number().int(),
  attacker_details: z.record(z.string(), ZAttackerDetail),
  attack_type_distribution: z.object({
    brute_force: z.number().int(),
    command_execution: z.number().int(),
    file_operations: z.number().int(),
    web_attacks: z.number().int(),
  }),
  top_attackers: z.array(z.tuple([z.string(), z.number().int()])),
  top_usernames: z.array(ZValueCount),
  top_passwords: z.array(ZValueCount),
  top_commands: z.array(ZValueCount),
  top_downloads: z.array(ZValueCount).describe('URL, or SHA-256 when the URL is unknown'),
  analysis_timestamp: z.string(),
});
export type HoneypotAttackerStats = z.infer<typeof ZHoneypotAttackerStats>;
