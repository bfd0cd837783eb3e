import { z } from 'zod';
import { createOrgUser, ZUserProfile } from '../../services/identity/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZEmail, ZPassword } from './auth.schemas.ts';
import { ZProfileFields, ZRoleInput } from './users.schemas.ts';

export const createUserProcedure = orgProcedure('users:write')
  .meta({ openapi: { method: 'POST', path: '/users', tags: ['users'], summary: 'Create a user in your organisation (admin)' } })
  .input(
    ZProfileFields.extend({
      full_name: z.string().trim().min(2).max(255),
      role: ZRoleInput,
      email: ZEmail,
      password: ZPassword.describe('12+ characters with upper, lower, digit and special'),
      tenant_id: z.string().max(100).optional().describe('Ignored: users are always created in your own organisation'),
    }),
  )
  .output(ZUserProfile)
  .mutation(async ({ ctx, input }) => {
    const { full_name, role, email, password, tenant_id: _ignored, ...profile } = input;
    const user = await createOrgUser(ctx.service, { full_name, role, email, password, profile: withoutUndefined(profile) });
    ctx.response.status = 201;
    return user;
  });

function withoutUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}
