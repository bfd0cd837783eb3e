import { z } from 'zod';
import { rotateOrgDevice } from '../../../services/ingest/index.ts';
import { orgProcedure } from '../../procedures.ts';
import { ZDeviceId, ZDeviceWithSecret, ZTtlDays } from './devices.schemas.ts';

export const rotateDeviceProcedure = orgProcedure('api_keys:manage')
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/devices/{device_id}/rotate',
      tags: ['devices'],
      summary: "Replace a device's secret (admin); the old one stops verifying at once, the new one is shown once",
    },
  })
  .input(z.object({ device_id: ZDeviceId, ttl_days: ZTtlDays }))
  .output(ZDeviceWithSecret)
  .mutation(async ({ ctx, input }) => {
    const { device, secret } = await rotateOrgDevice(ctx.service, input.device_id, input.ttl_days);
    return { ...device, secret };
  });
