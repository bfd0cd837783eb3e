import type { OrgServiceContext, ServiceContext } from '../../core/context.ts';
import type { Executor, OrgId } from '../../core/database.ts';
import { type AuditRow, insertAuditRow, listAuditRows } from '../../db/repos/audit.repo.ts';

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

export function listAuditEntries(
  ctx: OrgServiceContext,
  page: { limit: number; beforeId?: number | undefined; action?: string | undefined },
): Promise<AuditRow[]> {
  return listAuditRows(ctx.deps.db, ctx.orgId, page);
}
