import { z } from 'zod';
import { publicProcedure } from '../trpc.ts';

export const getLivenessProcedure = publicProcedure
  .meta({ openapi: { method: 'GET', path: '/healthz', tags: ['system'], summary: 'Liveness: the process is running (no dependency checks)' }, tenancy: 'none' })
  .input(z.void())
  .output(z.object({ status: z.literal('ok').describe('Always ok when the process answers') }))
  .query(() => ({ status: 'ok' as const }));
