import { z } from 'zod';
import { honeypotAttackerStats } from '../../services/events/index.ts';
import { orgProcedure } from '../procedures.ts';

const ZValueCount = z.object({ value: z.string(), count: z.number().int() });

export const getHoneypotAttackerStatsProcedure = orgProcedure('events:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/honeypot/attacker-stats',
      tags: ['honeypot'],
      summary: 'Cowrie attacker statistics over the last `hours` (default 24, at most 720)',
      description: 'attacker_details holds the 100 most active source addresses; top_attackers the 10 most active as [ip, events].',
    },
  })
  .input(z.object({ hours: z.coerce.number().int().min(1).max(720).default(24) }))
  .output(
    z.object({
      timeframe_hours: z.number().int(),
      total_attackers: z.number().int(),
      total_events: z.number().int(),
      attacker_details: z.record(
        z.string(),
        z.object({
          total_events: z.number().int(),
          first_seen: z.string(),
          last_seen: z.string(),
          event_types: z.array(z.string()),
          attack_categories: z.array(z.string()),
          duration_hours: z.number(),
        }),
      ),
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
    }),
  )
  .query(({ ctx, input }) => honeypotAttackerStats(ctx.service, input.hours));
