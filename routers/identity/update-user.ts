import { z } from 'zod';
import { updateOrgUser, ZUserProfile } from '../../services/identity/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZProfileFields, ZRoleInput, ZUserRef } from './users.schemas.ts';

export const updateUserProcedure = orgProcedure('users:write')
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/users/{user_id}',
      tags: ['users'],
      summary: 'Update a user (admin): profile, role, activation',
      description:
        "user_id is the integer id of GET /users (EventSec's and Mini-XDR's ids are integers); the user's uuid is accepted too. 404 for a user outside your organisation.",
    },
  })
  .input(
    ZProfileFields.extend({
      user_id: ZUserRef,
      full_name: z.string().trim().min(2).max(255).optional(),
      role: ZRoleInput.optional(),
      is_active: z.boolean().optional(),
    }),
  )
  .output(ZUserProfile)
  .mutation(async ({ ctx, input }) => {
    const { user_id, ...fields } = input;
    const update = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    return updateOrgUser(ctx.service, user_id, update);
  });
