import { z } from 'zod';
import { publicProcedure } from '../trpc.ts';

export const getRootProcedure = publicProcedure
  .meta({ openapi: { method: 'GET', path: '/', tags: ['system'], summary: 'Basic health: the service answers' }, tenancy: 'none' })
  .input(z.void())
  .output(z.object({ status: z.literal('ok').describe('Always ok when the process answers'), service: z.string().describe('Service name') }))
  .query(() => ({ status: 'ok' as const, service: 'vigil' }));
