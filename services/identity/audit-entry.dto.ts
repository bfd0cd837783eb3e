import { z } from 'zod';
import type { AuditRow } from '../../db/repos/audit-log.repo.ts';

export const ZAuditEntry = z.object({
  id: z.number().int(),
  action: z.string(),
  outcome: z.string(),
  actor_type: z.string(),
  actor_id: z.string().nullable(),
  target_type: z.string().nullable(),
  target_id: z.string().nullable(),
  request_id: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  created_at: z.string(),
});
export type AuditEntryDto = z.infer<typeof ZAuditEntry>;

export const ZAuditPage = z.object({ items: z.array(ZAuditEntry), next_cursor: z.number().int().nullable() });
export type AuditPage = z.infer<typeof ZAuditPage>;

export function toAuditEntryDto(row: AuditRow): AuditEntryDto {
  return {
    id: row.id,
    action: row.action,
    outcome: row.outcome,
    actor_type: row.actor_type,
    actor_id: row.actor_id,
    target_type: row.target_type,
    target_id: row.target_id,
    request_id: row.request_id,
    ip: row.ip,
    details: row.details as Record<string, unknown>,
    created_at: row.created_at.toISOString(),
  };
}
