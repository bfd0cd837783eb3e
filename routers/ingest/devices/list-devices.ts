import { z } from 'zod';
import { listOrgDevices } from '../../../services/ingest/index.ts';
import { orgProcedure } from '../../procedures.ts';
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
  .query(async ({ ctx }) => (await listOrgDevices(ctx.service)).map((row) => toDeviceDto(row)));
