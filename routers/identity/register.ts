import { z } from 'zod';
import { registerOrganisation, ZRegistration } from '../../services/identity/index.ts';
import { publicProcedure } from '../trpc.ts';
import { ZEmail, ZPassword } from './auth.schemas.ts';

export const registerProcedure = publicProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/auth/register',
      tags: ['auth'],
      summary: 'Create an organisation and its admin (open on first run, then only with AUTH_OPEN_REGISTRATION)',
    },
    tenancy: 'none',
  })
  .input(
    z.object({
      organization_name: z.string().trim().min(2).max(255),
      admin_email: ZEmail,
      admin_password: ZPassword.describe('12+ characters with upper, lower, digit and special'),
      admin_name: z.string().trim().min(2).max(255),
    }),
  )
  .output(ZRegistration)
  .mutation(async ({ ctx, input }) => {
    const registration = await registerOrganisation(ctx.service, input);
    ctx.response.status = 201;
    return registration;
  });
