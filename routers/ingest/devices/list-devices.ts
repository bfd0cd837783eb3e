import { z } from 'zod';
import { orgContext, orgProcedure } from '../../../server/auth/procedures.ts';
import { listOrgDevices } from '../../../services/devices/devices.service.ts';
import { toDeviceDto, ZDevice } from './devices.schemas.ts';

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
  .query(async ({ ctx }) => (await listOrgDevices(orgContext(ctx))).map((row) => toDeviceDto(row)));
