import type { Executor, OrgId } from '../../core/database.ts';
import { normaliseRole, roleCan } from '../../core/permissions.ts';
import { findUser } from '../../db/repos/users.repo.ts';
import { invalidField } from './alert-errors.ts';

/**
 * An alert can only be given to an active user of the same organisation whose role may work alerts
 * (a viewer could not act on it). A user of another organisation gets the same answer as a missing one.
 */
export async function assertAssignable(db: Executor, orgId: OrgId, userId: string, field: string): Promise<void> {
  const user = await findUser(db, orgId, userId);
  if (!user?.is_active) throw invalidField(field, 'is not an active user of your organisation');
  const role = normaliseRole(user.role);
  if (!role || !roleCan(role, 'alerts:write')) throw invalidField(field, `belongs to a ${user.role}, who may not work alerts`);
}
