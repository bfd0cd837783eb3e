import type { OrgServiceContext } from '../../core/context.ts';
import type { Executor } from '../../core/database.ts';
import { AppError } from '../../core/errors.ts';
import type { TimelineRow } from '../../db/repos/incident-timeline.repo.ts';
import { insertTimelineEntry } from '../../db/repos/incident-timeline.repo.ts';
import { findUser } from '../../db/repos/users.repo.ts';
import { actorOf, recordAudit } from '../identity/index.ts';

/** Appends a timeline entry made by the caller, on the caller's transaction. */
export function journal(trx: Executor, ctx: OrgServiceContext, incidentId: number, kind: string, detail: Record<string, unknown>): Promise<TimelineRow> {
  return insertTimelineEntry(trx, ctx.orgId, incidentId, { actorType: ctx.principal.actorType, actorId: ctx.principal.actorId, kind, detail });
}

/** Audits an incident change on the caller's transaction, so it commits with the change. */
export function auditIncident(trx: Executor, ctx: OrgServiceContext, incidentId: number, action: string, details: Record<string, unknown>): Promise<void> {
  return recordAudit(trx, ctx, { orgId: ctx.orgId, action, actor: actorOf(ctx), target: { type: 'incident', id: String(incidentId) }, details });
}

/** An assignee must be an active user of the caller's organisation; any other id gets the same 400. */
export async function assertAssignable(trx: Executor, ctx: OrgServiceContext, userId: string | null | undefined): Promise<void> {
  if (userId === null || userId === undefined) return;
  const user = await findUser(trx, ctx.orgId, userId);
  if (!user?.is_active) {
    throw new AppError('VALIDATION_FAILED', `assigned_to: no active user ${userId} in your organisation`, {
      issues: [{ path: 'assigned_to', message: 'not an active user of your organisation' }],
    });
  }
}
