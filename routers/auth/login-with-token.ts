import { z } from 'zod';
import { publicContext } from '../../server/auth/procedures.ts';
import { publicProcedure } from '../../server/trpc.ts';
import { authenticateWithPassword } from '../../services/auth/password-login.service.ts';
import { issueTokenPair } from '../../services/auth/token-pair.service.ts';
import { ZLoginResponse, ZPassword } from './auth.schemas.ts';

export const loginWithTokenProcedure = publicProcedure
  .meta({
    openapi: { method: 'POST', path: '/api/auth/login', tags: ['auth'], summary: 'Mini-XDR login: access (8 h) and refresh (30 d) JWTs' },
    tenancy: 'none',
  })
  .input(z.object({ email: z.string().trim().min(1).max(320), password: ZPassword }))
  .output(ZLoginResponse)
  .mutation(async ({ ctx, input }) => {
    const user = await authenticateWithPassword(publicContext(ctx), 'jwt', input.email, input.password);
    const tokens = await issueTokenPair(ctx.deps.db, ctx.deps.secrets.jwtKey, user);
    return { ...tokens, must_change_password: user.must_change_password };
  });
