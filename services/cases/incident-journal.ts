import type { OrgServiceContext } from '../../core/context.ts';
import type { Executor } from '../../core/database.ts';
import { AppError } from '../../core/errors.ts';
import type { TimelineRow } from '../../db/repos/incident-timeline.repo.ts';
import { insertTimelineEntry } from '../../db/repos/incident-timeline.repo.ts';
import type { UserRow } from '../../db/repos/users.repo.ts';
import { actorOf, findUserByRef, recordAudit, type UserRef } from '../identity/index.ts';

/** Appends a timeline entry made by the caller, on the caller's transaction. */
export function journal(trx: Executor, ctx: OrgServiceContext, incidentId: number, kind: string, detail: Record<string, unknown>): Promise<TimelineRow> {
  return insertTimelineEntry(trx, ctx.orgId, incidentId, { actorType: ctx.principal.actorType, actorId: ctx.principal.actorId, kind, detail });
}

/** Audits an incident change on the caller's transaction, so it commits with the change. */
export function auditIncident(trx: Executor, ctx: OrgServiceContext, incidentId: number, action: string, details: Record<string, unknown>): Promise<void> {
  return recordAudit(trx, ctx, { orgId: ctx.orgId, action, actor: actorOf(ctx), target: { type: 'incident', id: String(incidentId) }, details });
}

function notAssignable(ref: UserRef): AppError {
  return new AppError('VALIDATION_FAILED', `assigned_to: no active user ${ref} in your organisation`, {
    issues: [{ path: 'assigned_to', message: 'not an active user of your organisation' }],
  });
}

/**
 * The user an `assigned_to` names (integer id or UUID) in the caller's organisation: null unassigns, undefined
 * leaves the assignee alone, and any reference to no user of the organisation gets the same 400.
 */
export async function findAssignee(trx: Executor, ctx: OrgServiceContext, ref: UserRef | null | undefined): Promise<UserRow | null | undefined> {
  if (ref === null || ref === undefined) return ref;
  const user = await findUserByRef(trx, ctx.orgId, ref);
  if (!user) throw notAssignable(ref);
  return user;
}

/** Only an active user can be given an incident (checked when the assignee changes). */
export function assertAssignable(user: UserRow | null | undefined): void {
  if (user && !user.is_active) throw notAssignable(user.public_id);
}
