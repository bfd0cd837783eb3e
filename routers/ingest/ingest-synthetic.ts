import { z } from 'zod';
import { SCENARIOS } from '../../engines/synthetic/index.ts';
import { ingestSynthetic, MAX_SEED, ZSyntheticResult } from '../../services/ingest/index.ts';
import { orgProcedure } from '../procedures.ts';

export const ingestSyntheticProcedure = orgProcedure('events:generate')
  .meta({
    openapi: {
      method: 'POST',
      path: '/ingest/synthetic',
      tags: ['ingest'],
      summary: 'Generate and store a deterministic attack or benign scenario (test data)',
      description:
        'brute_force (≥ 6 failed Cowrie SSH logins from one IP within 60 s, sometimes a login and commands), credential_stuffing (distinct user/password pairs), port_scan (Zeek conn, one IP to many ports), web_attack (Suricata http with SQLi/XSS/traversal), benign. The same seed and start_time give the same records, so a replay deduplicates.',
    },
  })
  .input(
    z.object({
      scenario: z.enum(SCENARIOS),
      count: z.number().int().min(1).max(2000).optional().describe('Attempts, ports or requests; each scenario has a default (brute_force at least 6)'),
      seed: z.number().int().min(0).max(MAX_SEED).optional().describe('Random when omitted; returned so the run can be replayed'),
      src_ip: z.union([z.ipv4(), z.ipv6()]).optional().describe('The source address; drawn from the seed when omitted'),
      start_time: z.iso.datetime({ offset: true }).optional().describe('Time of the first record (ISO 8601); now when omitted'),
    }),
  )
  .output(ZSyntheticResult)
  .mutation(({ ctx, input }) =>
    ingestSynthetic(ctx.service, {
      scenario: input.scenario,
      count: input.count,
      seed: input.seed,
      srcIp: input.src_ip,
      startTime: input.start_time === undefined ? undefined : new Date(input.start_time),
    }),
  );
