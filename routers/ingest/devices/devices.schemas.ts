import { z } from 'zod';
import type { DeviceRow } from '../../../db/repos/devices.repo.ts';
import { DEFAULT_DEVICE_TTL_DAYS } from '../../../services/ingest/index.ts';

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

export const ZDevice = z.object({
  id: z.string(),
  device_id: z.string(),
  name: z.string(),
  status: z.enum(['active', 'expired', 'revoked']),
  created_by: z.string().nullable(),
  created_at: z.string(),
  rotated_at: z.string().nullable(),
  last_seen_at: z.string().nullable(),
  expires_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});

export const ZDeviceWithSecret = ZDevice.extend({
  secret: z
    .string()
    .describe(
      'Shown only in this response. Sign each request: X-Signature = hex HMAC-SHA256(key = secret as UTF-8, METHOD|path|body|X-TS|X-Nonce), with X-Device-ID, X-TS (Unix seconds) and a fresh X-Nonce.',
    ),
});

export function toDeviceDto(row: DeviceRow, now = new Date()): z.infer<typeof ZDevice> {
  const expired = row.expires_at !== null && row.expires_at.getTime() <= now.getTime();
  return {
    id: row.id,
    device_id: row.device_id,
    name: row.name,
    status: row.revoked_at ? 'revoked' : expired ? 'expired' : 'active',
    created_by: row.created_by,
    created_at: row.created_at.toISOString(),
    rotated_at: row.rotated_at?.toISOString() ?? null,
    last_seen_at: row.last_seen_at?.toISOString() ?? null,
    expires_at: row.expires_at?.toISOString() ?? null,
    revoked_at: row.revoked_at?.toISOString() ?? null,
  };
}
