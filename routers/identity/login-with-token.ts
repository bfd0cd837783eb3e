import { z } from 'zod';
import { loginWithTokens, ZLoginResponse } from '../../services/identity/index.ts';
import { publicProcedure } from '../trpc.ts';
import { ZPassword } from './auth.schemas.ts';

export const loginWithTokenProcedure = publicProcedure
  .meta({
    openapi: { method: 'POST', path: '/api/auth/login', tags: ['auth'], summary: 'Mini-XDR login: access (8 h) and refresh (30 d) JWTs' },
    tenancy: 'none',
  })
  .input(z.object({ email: z.string().trim().min(1).max(320), password: ZPassword }))
  .output(ZLoginResponse)
  .mutation(async ({ ctx, input }) => {
    return loginWithTokens(ctx.service, input.email, input.password);
  });
