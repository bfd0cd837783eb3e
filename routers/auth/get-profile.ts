import { z } from 'zod';
import { authedProcedure, orgContext } from '../../server/auth/procedures.ts';
import { toUserProfile, ZUserProfile } from '../../services/users/user.dto.ts';
import { getCurrentUser } from '../../services/users/users.service.ts';

export const getProfileProcedure = authedProcedure
  .meta({ openapi: { method: 'GET', path: '/me', tags: ['auth'], summary: 'EventSec: the current user profile' }, allowPendingPasswordChange: true })
  .input(z.void())
  .output(ZUserProfile)
  .query(async ({ ctx }) => {
    const { user, org } = await getCurrentUser(orgContext(ctx));
    return toUserProfile(user, org.slug);
  });
