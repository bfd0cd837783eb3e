import { z } from 'zod';
import { orgContext, orgProcedure } from '../../server/auth/procedures.ts';
import { getDetectionSettingsView } from '../../services/settings/detection-settings.service.ts';
import { ZDetectionSettingsView } from './settings.schemas.ts';

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
  .query(async ({ ctx }) => getDetectionSettingsView(orgContext(ctx)));
