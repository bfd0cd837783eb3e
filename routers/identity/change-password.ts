import { z } from 'zod';
import { changePassword } from '../../services/identity/index.ts';
import { authedProcedure } from '../procedures.ts';
import { ZPassword } from './auth.schemas.ts';

export const changePasswordProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/auth/change-password',
      tags: ['auth'],
      summary: 'Replace your password (required after an invite); signs out all your logins',
    },
    allowPendingPasswordChange: true,
  })
  .input(z.object({ current_password: ZPassword, new_password: ZPassword.describe('12+ characters with upper, lower, digit and special') }))
  .output(z.object({ message: z.string() }))
  .mutation(async ({ ctx, input }) => {
    await changePassword(ctx.service, input);
    return { message: 'Password changed; log in again with the new password' };
  });
