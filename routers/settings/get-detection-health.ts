import { z } from 'zod';

import { getDetectionHealth, ZDetectionHealth } from '../../services/settings/index.ts';
import { orgProcedureAnyOf } from '../procedures.ts';

export const getDetectionHealthProcedure = orgProcedureAnyOf(['settings:read', 'alerts:read'])
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/detection/health',
      tags: ['settings'],
      summary: 'Per-detector health, the detection cursor and how far detection lags behind ingest',
    },
  })
  .input(z.void())
  .output(ZDetectionHealth)
  .query(async ({ ctx }) => getDetectionHealth(ctx.service));
