import { z } from 'zod';
import { orgContext, orgProcedure } from '../../../server/auth/procedures.ts';
import { rotateOrgDevice } from '../../../services/devices/devices.service.ts';
import { toDeviceDto, ZDeviceId, ZDeviceWithSecret, ZTtlDays } from './devices.schemas.ts';

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
    const { row, secret } = await rotateOrgDevice(orgContext(ctx), input.device_id, input.ttl_days);
    return { ...toDeviceDto(row), secret };
  });
