import { z } from 'zod';
import { setTriggerEnabled, updateTriggerSettings, ZTriggerSettingsResult, ZTriggerToggled } from '../../services/triggers/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZPriorityInput, ZTriggerIdParam } from './triggers.schemas.ts';

export const enableTriggerProcedure = orgProcedure('response:execute')
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/triggers/{trigger_id}/enable',
      tags: ['triggers'],
      summary: 'Enable a trigger (a paused one becomes active; an archived one is a 409: resume it)',
    },
  })
  .input(ZTriggerIdParam)
  .output(ZTriggerToggled)
  .mutation(({ ctx, input }) => setTriggerEnabled(ctx.service, input.trigger_id, true));

export const disableTriggerProcedure = orgProcedure('response:execute')
  .meta({ openapi: { method: 'POST', path: '/api/triggers/{trigger_id}/disable', tags: ['triggers'], summary: 'Disable a trigger (it stops firing)' } })
  .input(ZTriggerIdParam)
  .output(ZTriggerToggled)
  .mutation(({ ctx, input }) => setTriggerEnabled(ctx.service, input.trigger_id, false));

export const updateTriggerSettingsProcedure = orgProcedure('response:execute')
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/api/triggers/{trigger_id}/settings',
      tags: ['triggers'],
      summary: 'Change auto_execute, priority or enabled (a new version; `editor` is kept with it)',
    },
  })
  .input(
    ZTriggerIdParam.extend({
      auto_execute: z.boolean().optional(),
      priority: ZPriorityInput.optional(),
      enabled: z.boolean().optional(),
      editor: z.string().trim().min(1).max(200).optional().describe("Mini-XDR's editor name, kept beside the authenticated caller"),
    }),
  )
  .output(ZTriggerSettingsResult)
  .mutation(({ ctx, input }) => {
    const { trigger_id, ...settings } = input;
    return updateTriggerSettings(ctx.service, trigger_id, settings);
  });
