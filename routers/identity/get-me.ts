import { z } from 'zod';
import { getCurrentUserWithOrganization, ZUserWithOrganization } from '../../services/identity/index.ts';
import { authedProcedure } from '../procedures.ts';

export const getMeProcedure = authedProcedure
  .meta({ openapi: { method: 'GET', path: '/api/auth/me', tags: ['auth'], summary: 'The current user and organisation' }, allowPendingPasswordChange: true })
  .input(z.void())
  .output(ZUserWithOrganization)
  .query(({ ctx }) => getCurrentUserWithOrganization(ctx.service));
