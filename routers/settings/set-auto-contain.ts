import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { setAutoContain, ZAutoContain } from '../../services/settings/index.ts';
import { orgProcedure } from '../procedures.ts';

/**
 * Mini-XDR's front-end posts the switch as a bare JSON `true` / `false`. The REST adapter spreads the
 * body into the input object, so a bare boolean arrives as `{}`: it is read from the request's bytes.
 */
function bareJsonBoolean(rawBody: Buffer | undefined): boolean | undefined {
  const text = rawBody?.toString('utf8').trim();
  return text === 'true' ? true : text === 'false' ? false : undefined;
}

export const setAutoContainProcedure = orgProcedure('settings:write')
  .meta({
    openapi: {
      method: 'POST',
      path: '/settings/auto_contain',
      tags: ['settings'],
      summary: 'Switch auto-containment on or off for your organisation (settings:write; audited)',
      description:
        'Send {"enabled": true|false}, `?enabled=true|false`, or a bare JSON `true` / `false` body. Persisted per organisation and audited. When on, each incident the detection creates gets its source address blocked at the organisation’s enforcement points through the same path as POST /incidents/{id}/contain (guard rails, budget, lifecycle); the outcome, or why it could not act, is on the incident’s timeline.',
    },
  })
  .input(
    z.object({
      enabled: z
        .union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')])
        .optional()
        .describe('true or false (or send the bare JSON boolean as the body)'),
    }),
  )
  .output(ZAutoContain)
  .mutation(({ ctx, input }) => {
    const enabled = input.enabled ?? bareJsonBoolean(ctx.request.rawBody);
    if (enabled === undefined) {
      throw new AppError('VALIDATION_FAILED', 'Send enabled: true or false', { issues: [{ path: 'enabled', message: 'Required' }] });
    }
    return setAutoContain(ctx.service, enabled);
  });
