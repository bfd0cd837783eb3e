import { z } from 'zod';
import { getDetectionSettingsView, ZDetectionSettingsView } from '../../services/settings/index.ts';
import { orgProcedure } from '../procedures.ts';

export const getDetectionSettingsProcedure = orgProcedure('settings:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/detection/settings',
      tags: ['settings'],
      summary: 'Detection thresholds in effect for your organisation, its override and the defaults',
    },
  })
  .input(z.void())
  .output(ZDetectionSettingsView)
  .query(async ({ ctx }) => getDetectionSettingsView(ctx.service));
