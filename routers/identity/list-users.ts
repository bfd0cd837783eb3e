import { z } from 'zod';
import { listOrgUsers, ZUserProfile } from '../../services/identity/index.ts';
import { orgProcedure } from '../procedures.ts';

export const listUsersProcedure = orgProcedure('users:read')
  .meta({ openapi: { method: 'GET', path: '/users', tags: ['users'], summary: "The organisation's users" } })
  .input(z.void())
  .output(z.array(ZUserProfile))
  .query(({ ctx }) => listOrgUsers(ctx.service));
