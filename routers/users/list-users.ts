import { z } from 'zod';
import { orgContext, orgProcedure } from '../../server/auth/procedures.ts';
import { toUserProfile, ZUserProfile } from '../../services/users/user.dto.ts';
import { getOrgSlug, listOrgUsers } from '../../services/users/users.service.ts';

export const listUsersProcedure = orgProcedure('users:read')
  .meta({ openapi: { method: 'GET', path: '/users', tags: ['users'], summary: "The organisation's users" } })
  .input(z.void())
  .output(z.array(ZUserProfile))
  .query(async ({ ctx }) => {
    const service = orgContext(ctx);
    const [users, slug] = await Promise.all([listOrgUsers(service), getOrgSlug(service)]);
    return users.map((user) => toUserProfile(user, slug));
  });
