import { z } from 'zod';
import { createOrgDevice } from '../../../services/ingest/index.ts';
import { orgProcedure } from '../../procedures.ts';
import { ZDeviceId, ZDeviceWithSecret, ZTtlDays } from './devices.schemas.ts';

export const createDeviceProcedure = orgProcedure('api_keys:manage')
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/devices',
      tags: ['devices'],
      summary: 'Register an HMAC-signing device (honeypot, sensor); the secret is shown once',
    },
  })
  .input(
    z.object({
      name: z.string().trim().min(1).max(100),
      device_id: ZDeviceId.optional().describe('The X-Device-ID to use; a UUID is generated when omitted'),
      ttl_days: ZTtlDays,
    }),
  )
  .output(ZDeviceWithSecret)
  .mutation(async ({ ctx, input }) => {
    const { device, secret } = await createOrgDevice(ctx.service, { name: input.name, deviceId: input.device_id, ttlDays: input.ttl_days });
    ctx.response.status = 201;
    return { ...device, secret };
  });
