import { z } from 'zod';
import { ROLES } from '../../core/permissions.ts';
import type { ApiKeyRow } from '../../db/repos/api-keys.repo.ts';

export const ZApiKey = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe('Identifies the key in lists and logs; the secret part is never shown again'),
  role: z.enum(ROLES),
  created_by: z.string().nullable(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});
export type ApiKeyDto = z.infer<typeof ZApiKey>;

export function toApiKeyDto(row: ApiKeyRow): ApiKeyDto {
  return {
    id: row.id,
    name: row.name,
    prefix: `vgl_${row.prefix}`,
    role: row.role as ApiKeyDto['role'],
    created_by: row.created_by,
    created_at: row.created_at.toISOString(),
    last_used_at: row.last_used_at?.toISOString() ?? null,
    revoked_at: row.revoked_at?.toISOString() ?? null,
  };
}
