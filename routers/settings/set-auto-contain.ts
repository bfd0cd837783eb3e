import { z } from 'zod';
import { setAutoContain, ZAutoContain } from '../../services/settings/index.ts';
import { orgProcedure } from '../procedures.ts';

export const setAutoContainProcedure = orgProcedure('settings:write')
  .meta({
    openapi: {
      method: 'POST',
      path: '/settings/auto_contain',
      tags: ['settings'],
      summary: 'Switch auto-containment on or off for your organisation (settings:write; audited)',
      description:
        'Persisted per organisation and audited. It is only stored for now: no incident is contained automatically until the response actions land, whatever this says.',
    },
  })
  .input(
    z.object({
      enabled: z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]).describe('true or false'),
    }),
  )
  .output(ZAutoContain)
  .mutation(({ ctx, input }) => setAutoContain(ctx.service, input.enabled));
