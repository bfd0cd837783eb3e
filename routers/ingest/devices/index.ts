import { router } from '../../trpc.ts';
import { createDeviceProcedure } from './create-device.ts';
import { listDevicesProcedure } from './list-devices.ts';
import { revokeDeviceProcedure } from './revoke-device.ts';
import { rotateDeviceProcedure } from './rotate-device.ts';

/** HMAC device credentials: /api/devices. */
export const devicesRouter = router({
  create: createDeviceProcedure,
  list: listDevicesProcedure,
  rotate: rotateDeviceProcedure,
  revoke: revokeDeviceProcedure,
});
