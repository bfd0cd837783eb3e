import { z } from 'zod';
import { networkStats, ZNetworkStats } from '../../services/events/index.ts';
import { orgProcedure } from '../procedures.ts';

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
  .output(ZNetworkStats)
  .query(({ ctx }) => networkStats(ctx.service));
