import { z } from 'zod';
import { authedProcedure, orgContext } from '../../server/auth/procedures.ts';
import { toMiniXdrOrganization, toMiniXdrUser } from '../../services/users/user.dto.ts';
import { getCurrentUser } from '../../services/users/users.service.ts';
import { ZMeResponse } from './auth.schemas.ts';

export const getMeProcedure = authedProcedure
  .meta({ openapi: { method: 'GET', path: '/api/auth/me', tags: ['auth'], summary: 'The current user and organisation' }, allowPendingPasswordChange: true })
  .input(z.void())
  .output(ZMeResponse)
  .query(async ({ ctx }) => {
    const { user, org } = await getCurrentUser(orgContext(ctx));
    return { user: toMiniXdrUser(user), organization: toMiniXdrOrganization(org) };
  });
