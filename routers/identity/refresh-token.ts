import { z } from 'zod';
import { rotateRefreshToken, ZTokenPair } from '../../services/identity/index.ts';
import { publicProcedure } from '../trpc.ts';

export const refreshTokenProcedure = publicProcedure
  .meta({
    openapi: { method: 'POST', path: '/api/auth/refresh', tags: ['auth'], summary: 'Rotate a refresh token; a reused one revokes its whole family' },
    tenancy: 'none',
  })
  .input(z.object({ refresh_token: z.string().min(1).max(4096) }))
  .output(ZTokenPair)
  .mutation(({ ctx, input }) => rotateRefreshToken(ctx.service, input.refresh_token));
