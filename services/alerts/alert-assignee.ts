import type { Executor, OrgId } from '../../core/database.ts';
import { normaliseRole, roleCan } from '../../core/permissions.ts';
import type { UserRow } from '../../db/repos/users.repo.ts';
import { findUserByRef, type UserRef } from '../identity/index.ts';
import { invalidField } from './alert-errors.ts';

/** The user `ref` (integer id or UUID) names in the organisation; another organisation's user gets the same 400 as a missing one. */
export async function findAlertAssignee(db: Executor, orgId: OrgId, ref: UserRef, field: string): Promise<UserRow> {
  const user = await findUserByRef(db, orgId, ref);
  if (!user) throw invalidField(field, 'is not an active user of your organisation');
  return user;
}

/** An alert can only be given to an active user whose role may work alerts (a viewer could not act on it). */
export function assertAssignable(user: UserRow, field: string): void {
  if (!user.is_active) throw invalidField(field, 'is not an active user of your organisation');
  const role = normaliseRole(user.role);
  if (!role || !roleCan(role, 'alerts:write')) throw invalidField(field, `belongs to a ${user.role}, who may not work alerts`);
}
