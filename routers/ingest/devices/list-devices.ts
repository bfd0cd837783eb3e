import { z } from 'zod';
import { listOrgDevices, ZDevice } from '../../../services/ingest/index.ts';
import { orgProcedure } from '../../procedures.ts';

export const listDevicesProcedure = orgProcedure('api_keys:manage')
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/devices',
      tags: ['devices'],
      summary: "The organisation's devices (admin), revoked ones included; never their secrets",
    },
  })
  .input(z.void())
  .output(z.array(ZDevice))
  .query(({ ctx }) => listOrgDevices(ctx.service));
