import { ZDetectionSettingsOverride } from '../../engines/detection/index.ts';
import { replaceDetectionOverride, ZDetectionSettingsView } from '../../services/settings/index.ts';
import { orgProcedure } from '../procedures.ts';

export const putDetectionSettingsProcedure = orgProcedure('settings:write')
  .meta({
    openapi: {
      method: 'PUT',
      path: '/api/detection/settings',
      tags: ['settings'],
      summary: "Replace your organisation's detection override (settings:write; audited)",
      description:
        'The body is the whole override: any subset of sections, and any subset of keys inside a section; what is left out uses the defaults ({} restores them all). Unknown keys, out-of-range values, unknown detector ids and inconsistent thresholds answer 400 with the field paths. Detection uses the new thresholds from its next pass.',
    },
  })
  .input(ZDetectionSettingsOverride)
  .output(ZDetectionSettingsView)
  .mutation(async ({ ctx, input }) => replaceDetectionOverride(ctx.service, input));
