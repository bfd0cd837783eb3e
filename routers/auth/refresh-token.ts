import { z } from 'zod';
import { publicContext } from '../../server/auth/procedures.ts';
import { publicProcedure } from '../../server/trpc.ts';
import { rotateRefreshToken } from '../../services/auth/refresh.service.ts';
import { ZTokenPair } from './auth.schemas.ts';

export const refreshTokenProcedure = publicProcedure
  .meta({
    openapi: { method: 'POST', path: '/api/auth/refresh', tags: ['auth'], summary: 'Rotate a refresh token; a reused one revokes its whole family' },
    tenancy: 'none',
  })
  .input(z.object({ refresh_token: z.string().min(1).max(4096) }))
  .output(ZTokenPair)
  .mutation(({ ctx, input }) => rotateRefreshToken(publicContext(ctx), input.refresh_token));
