import { z } from 'zod';
import { logout } from '../../services/identity/index.ts';
import { authedProcedure } from '../procedures.ts';

export const logoutTokenProcedure = authedProcedure
  .meta({
    openapi: { method: 'POST', path: '/api/auth/logout', tags: ['auth'], summary: 'Revoke this login: its access and refresh tokens stop working' },
    allowPendingPasswordChange: true,
  })
  .input(z.object({ refresh_token: z.string().max(4096).optional() }).optional())
  .output(z.object({ message: z.string() }))
  .mutation(async ({ ctx, input }) => {
    await logout(ctx.service, input?.refresh_token);
    return { message: 'Logged out' };
  });
