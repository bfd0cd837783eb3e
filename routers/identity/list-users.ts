import { z } from 'zod';
import { getOrgSlug, listOrgUsers, toUserProfile, ZUserProfile } from '../../services/identity/index.ts';
import { orgProcedure } from '../procedures.ts';

export const listUsersProcedure = orgProcedure('users:read')
  .meta({ openapi: { method: 'GET', path: '/users', tags: ['users'], summary: "The organisation's users" } })
  .input(z.void())
  .output(z.array(ZUserProfile))
  .query(async ({ ctx }) => {
    const service = ctx.service;
    const [users, slug] = await Promise.all([listOrgUsers(service), getOrgSlug(service)]);
    return users.map((user) => toUserProfile(user, slug));
  });
