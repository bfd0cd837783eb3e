import { z } from 'zod';
import { getCurrentUserProfile, ZUserProfile } from '../../services/identity/index.ts';
import { authedProcedure } from '../procedures.ts';

export const getProfileProcedure = authedProcedure
  .meta({ openapi: { method: 'GET', path: '/me', tags: ['auth'], summary: 'EventSec: the current user profile' }, allowPendingPasswordChange: true })
  .input(z.void())
  .output(ZUserProfile)
  .query(({ ctx }) => getCurrentUserProfile(ctx.service));
