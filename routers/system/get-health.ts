import { z } from 'zod';
import { checkReadiness } from '../../services/system/index.ts';
import { publicProcedure } from '../trpc.ts';
import { ZReadiness } from './system.schemas.ts';

export const getHealthProcedure = publicProcedure
  .meta({
    openapi: { method: 'GET', path: '/health', tags: ['system'], summary: 'Mini-XDR health: overall state with each dependency check' },
    tenancy: 'none',
  })
  .input(z.void())
  .output(
    z.object({
      status: z.enum(['healthy', 'degraded']).describe('healthy when every check passes'),
      timestamp: z.string().describe('Server time (ISO 8601)'),
      checks: ZReadiness.omit({ status: true }).describe('The readiness checks'),
    }),
  )
  .query(async ({ ctx }) => {
    const { status, ...checks } = await checkReadiness(ctx.deps.db, ctx.deps.searchProbe);
    return { status: status === 'ok' ? ('healthy' as const) : ('degraded' as const), timestamp: new Date().toISOString(), checks };
  });
