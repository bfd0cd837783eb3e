import { z } from 'zod';
import { revokeOrgDevice, ZDevice } from '../../../services/ingest/index.ts';
import { orgProcedure } from '../../procedures.ts';
import { ZDeviceId } from './devices.schemas.ts';

export const revokeDeviceProcedure = orgProcedure('api_keys:manage')
  .meta({
    openapi: {
      method: 'DELETE',
      path: '/api/devices/{device_id}',
      tags: ['devices'],
      summary: 'Revoke a device (admin); its signatures stop verifying at once',
    },
  })
  .input(z.object({ device_id: ZDeviceId }))
  .output(ZDevice)
  .mutation(({ ctx, input }) => revokeOrgDevice(ctx.service, input.device_id));
