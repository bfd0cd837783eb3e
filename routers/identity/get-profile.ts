import { z } from 'zod';
import { getCurrentUser, toUserProfile, ZUserProfile } from '../../services/identity/index.ts';
import { authedProcedure } from '../procedures.ts';

export const getProfileProcedure = authedProcedure
  .meta({ openapi: { method: 'GET', path: '/me', tags: ['auth'], summary: 'EventSec: the current user profile' }, allowPendingPasswordChange: true })
  .input(z.void())
  .output(ZUserProfile)
  .query(async ({ ctx }) => {
    const { user, org } = await getCurrentUser(ctx.service);
    return toUserProfile(user, org.slug);
  });
