import { z } from 'zod';
import type { DeviceRow } from '../../db/repos/devices.repo.ts';

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
export type DeviceDto = z.infer<typeof ZDevice>;

export function toDeviceDto(row: DeviceRow, now = new Date()): DeviceDto {
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
