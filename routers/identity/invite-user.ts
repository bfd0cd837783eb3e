import { z } from 'zod';
import { ROLES } from '../../core/permissions.ts';
import { inviteOrgUser, ZMiniXdrUser } from '../../services/identity/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZEmail } from './auth.schemas.ts';

export const inviteUserProcedure = orgProcedure('users:write')
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/auth/invite',
      tags: ['auth'],
      summary: 'Invite a user (admin): a one-time password they must replace at first login',
    },
  })
  .input(z.object({ email: ZEmail, full_name: z.string().trim().min(2).max(255), role: z.enum(ROLES).default('analyst') }))
  .output(
    z.object({
      message: z.string(),
      user: ZMiniXdrUser,
      temporary_password: z.string().describe('Shown once; it only allows logging in to set a new password'),
      note: z.string(),
    }),
  )
  .mutation(async ({ ctx, input }) => {
    const { user, temporaryPassword } = await inviteOrgUser(ctx.service, input);
    ctx.response.status = 201;
    return {
      message: `Invited ${user.email}`,
      user,
      temporary_password: temporaryPassword,
      note: 'Give this one-time password to the user over a separate channel. It allows nothing but setting a new password (POST /api/auth/change-password).',
    };
  });
