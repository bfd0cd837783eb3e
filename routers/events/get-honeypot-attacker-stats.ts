import { z } from 'zod';
import { honeypotAttackerStats, ZHoneypotAttackerStats } from '../../services/events/index.ts';
import { orgProcedure } from '../procedures.ts';

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
  .output(ZHoneypotAttackerStats)
  .query(({ ctx, input }) => honeypotAttackerStats(ctx.service, input.hours));
