import { z } from 'zod';
import { getCurrentUser, toMiniXdrOrganization, toMiniXdrUser } from '../../services/identity/index.ts';
import { authedProcedure } from '../procedures.ts';
import { ZMeResponse } from './auth.schemas.ts';

export const getMeProcedure = authedProcedure
  .meta({ openapi: { method: 'GET', path: '/api/auth/me', tags: ['auth'], summary: 'The current user and organisation' }, allowPendingPasswordChange: true })
  .input(z.void())
  .output(ZMeResponse)
  .query(async ({ ctx }) => {
    const { user, org } = await getCurrentUser(ctx.service);
    return { user: toMiniXdrUser(user), organization: toMiniXdrOrganization(org) };
  });
