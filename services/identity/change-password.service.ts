import type { OrgServiceContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { deleteUserSessions } from '../../db/repos/sessions.repo.ts';
import { revokeUserTokenFamilies } from '../../db/repos/token-families.repo.ts';
import { findUser, updateUser } from '../../db/repos/users.repo.ts';
import { recordAudit } from './audit.service.ts';
import { hashPassword, passwordPolicyProblems, verifyPassword } from './passwords.ts';

/** Replaces the caller's password (ending a forced change) and signs out every other login of theirs. */
export async function changePassword(ctx: OrgServiceContext, input: { current_password: string; new_password: string }): Promise<void> {
  const { db } = ctx.deps;
  if (ctx.principal.actorType !== 'user') throw new AppError('FORBIDDEN', 'Only users have passwords');
  const user = await findUser(db, ctx.orgId, ctx.principal.actorId);
  if (!user) throw new AppError('NOT_FOUND', 'User not found');
  if (!(await verifyPassword(user.password_hash, input.current_password))) {
    throw new AppError('VALIDATION_FAILED', 'Current password is incorrect', { issues: [{ path: 'current_password', message: 'incorrect' }] });
  }
  const problems = passwordPolicyProblems(input.new_password);
  if (input.new_password === input.current_password) problems.push('must differ from the current password');
  if (problems.length > 0)
    throw new AppError('VALIDATION_FAILED', `New password ${problems.join(', ')}`, { issues: problems.map((message) => ({ path: 'new_password', message })) });
  const passwordHash = await hashPassword(input.new_password);
  await db.transaction().execute(async (trx) => {
    await updateUser(trx, ctx.orgId, user.id, { password_hash: passwordHash, must_change_password: false });
    await revokeUserTokenFamilies(trx, ctx.orgId, user.id, 'password_changed');
    await deleteUserSessions(trx, ctx.orgId, user.id);
    await recordAudit(trx, ctx, {
      orgId: ctx.orgId,
      action: 'user.password_changed',
      actor: { type: 'user', id: user.id },
      target: { type: 'user', id: user.id },
    });
  });
}
