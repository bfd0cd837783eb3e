import { z } from 'zod';
import { checkReadiness, ZReadiness } from '../../services/system/index.ts';
import { publicProcedure } from '../trpc.ts';

export const getReadinessProcedure = publicProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/readyz',
      tags: ['system'],
      summary: 'Readiness: database, migrations, job worker and search backend (503 when not ready)',
    },
    tenancy: 'none',
  })
  .input(z.void())
  .output(ZReadiness)
  .query(async ({ ctx }) => {
    const readiness = await checkReadiness(ctx.deps.db, ctx.deps.searchProbe);
    if (readiness.status !== 'ok') ctx.response.status = 503;
    return readiness;
  });
