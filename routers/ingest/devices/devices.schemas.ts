import { z } from 'zod';
import { DEFAULT_DEVICE_TTL_DAYS, ZDevice } from '../../../services/ingest/index.ts';

export const ZDeviceId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._:-]{3,128}$/, 'must be 3 to 128 characters: letters, digits, dot, underscore, colon or hyphen')
  .describe('The X-Device-ID the device sends; unique across the platform');

export const ZTtlDays = z
  .number()
  .int()
  .min(1)
  .max(3650)
  .nullable()
  .default(DEFAULT_DEVICE_TTL_DAYS)
  .describe(`Days until the secret expires (default ${DEFAULT_DEVICE_TTL_DAYS}); null never expires`);

export const ZDeviceWithSecret = ZDevice.extend({
  secret: z
    .string()
    .describe(
      'Shown only in this response. Sign each request: X-Signature = hex HMAC-SHA256(key = secret as UTF-8, METHOD|path|body|X-TS|X-Nonce), with X-Device-ID, X-TS (Unix seconds) and a fresh X-Nonce.',
    ),
});
