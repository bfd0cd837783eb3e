import type { OrgServiceContext, ServiceContext } from '../../core/context.ts';
import type { Executor, OrgId } from '../../core/database.ts';
import { insertAuditRow, listAuditRows } from '../../db/repos/audit-log.repo.ts';
import { type AuditPage, toAuditEntryDto } from './audit-entry.dto.ts';

export type AuditEntry = {
  orgId: OrgId | null;
  action: string;
  actor: { type: string; id: string | null };
  target?: { type: string; id: string };
  outcome?: 'success' | 'failure';
  details?: Record<string, unknown>;
};

/** Writes the audit row on the caller's executor: inside a transaction it commits with the change. */
export function recordAudit(executor: Executor, ctx: ServiceContext, entry: AuditEntry): Promise<void> {
  return insertAuditRow(executor, {
    org_id: entry.orgId,
    actor_type: entry.actor.type,
    actor_id: entry.actor.id,
    action: entry.action,
    target_type: entry.target?.type ?? null,
    target_id: entry.target?.id ?? null,
    outcome: entry.outcome ?? 'success',
    request_id: ctx.requestId,
    ip: ctx.ip,
    details: JSON.stringify(entry.details ?? {}),
  });
}

export function actorOf(ctx: OrgServiceContext): AuditEntry['actor'] {
  return { type: ctx.principal.actorType, id: ctx.principal.actorId };
}

/** Newest first; one row more than the page is read to know whether an older page exists. */
export async function listAuditEntries(
  ctx: OrgServiceContext,
  page: { limit: number; beforeId?: number | undefined; action?: string | undefined },
): Promise<AuditPage> {
  const rows = await listAuditRows(ctx.deps.db, ctx.orgId, { ...page, limit: page.limit + 1 });
  const items = rows.slice(0, page.limit);
  return { items: items.map(toAuditEntryDto), next_cursor: rows.length > page.limit ? (items.at(-1)?.id ?? null) : null };
}
