import { z } from 'zod';
import { authedProcedure, orgContext } from '../../server/auth/procedures.ts';
import { logout } from '../../services/auth/logout.service.ts';

export const logoutTokenProcedure = authedProcedure
  .meta({
    openapi: { method: 'POST', path: '/api/auth/logout', tags: ['auth'], summary: 'Revoke this login: its access and refresh tokens stop working' },
    allowPendingPasswordChange: true,
  })
  .input(z.object({ refresh_token: z.string().max(4096).optional() }).optional())
  .output(z.object({ message: z.string() }))
  .mutation(async ({ ctx, input }) => {
    await logout(orgContext(ctx), input?.refresh_token);
    return { message: 'Logged out' };
  });
