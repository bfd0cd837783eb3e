import { z } from 'zod';
import { networkStats } from '../../services/events/index.ts';
import { orgProcedure } from '../procedures.ts';

const ZBucket = z.object({ key: z.string(), doc_count: z.number().int() });

export const getNetworkStatsProcedure = orgProcedure('events:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/network/stats',
      tags: ['network'],
      summary: 'Network event totals and top 5 signatures, destinations and severities',
      description: 'total_events and the top lists cover every retained network event; events_last_24h counts those that occurred in the last 24 h.',
    },
  })
  .input(z.void())
  .output(
    z.object({
      total_events: z.number().int(),
      events_last_24h: z.number().int(),
      top_signatures: z.array(ZBucket),
      top_destinations: z.array(ZBucket),
      top_severities: z.array(ZBucket).describe('key: severity 0–4 as text'),
    }),
  )
  .query(({ ctx }) => networkStats(ctx.service));
