import { z } from 'zod';
import { getAutoContain, ZAutoContain } from '../../services/settings/index.ts';
import { orgProcedure } from '../procedures.ts';

export const getAutoContainProcedure = orgProcedure('settings:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/settings/auto_contain',
      tags: ['settings'],
      summary: "The organisation's auto-containment switch",
      description: 'Stored per organisation. Nothing contains automatically yet: acting on it comes with the response actions.',
    },
  })
  .input(z.void())
  .output(ZAutoContain)
  .query(({ ctx }) => getAutoContain(ctx.service));
