import { z } from 'zod';
import { checkHealth, ZHealth } from '../../services/system/index.ts';
import { publicProcedure } from '../trpc.ts';

export const getHealthProcedure = publicProcedure
  .meta({
    openapi: { method: 'GET', path: '/health', tags: ['system'], summary: 'Mini-XDR health: overall state with each dependency check' },
    tenancy: 'none',
  })
  .input(z.void())
  .output(ZHealth)
  .query(({ ctx }) => checkHealth(ctx.deps.db, ctx.deps.searchProbe));
