import { z } from 'zod';
import type { EnrollmentKeyRow } from '../../db/repos/agent-enrollment-keys.repo.ts';

export const ZEnrollmentKey = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe('Identifies the key in lists; the secret part is never shown again'),
  created_by: z.string().nullable(),
  created_at: z.string(),
  last_used_at: z.string().nullable().describe('Last successful enrolment with this key'),
  revoked_at: z.string().nullable(),
});
export type EnrollmentKeyDto = z.infer<typeof ZEnrollmentKey>;

export function toEnrollmentKeyDto(row: EnrollmentKeyRow): EnrollmentKeyDto {
  return {
    id: row.id,
    name: row.name,
    prefix: `vge_${row.prefix}`,
    created_by: row.created_by,
    created_at: row.created_at.toISOString(),
    last_used_at: row.last_used_at?.toISOString() ?? null,
    revoked_at: row.revoked_at?.toISOString() ?? null,
  };
}
