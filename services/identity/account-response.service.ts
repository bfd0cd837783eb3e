import type { Database, Executor, OrgId } from '../../core/database.ts';
import { deleteUserSessions } from '../../db/repos/sessions.repo.ts';
import { revokeUserTokenFamilies } from '../../db/repos/token-families.repo.ts';
import { findUser, findUserByEmail, findUserByPublicId, type UserRow, updateUser } from '../../db/repos/users.repo.ts';
import { isUuid } from './user-ids.ts';

export type AccountResponse = 'revoke_sessions' | 'disable' | 'enable' | 'reset_password';

/** What an account action did, in words for the action log; `found: false` when no such account exists. */
export type AccountResponseResult = { found: boolean; detail: string };

/** The organisation's account an action names: its email, integer id or UUID. */
async function findAccount(db: Executor, orgId: OrgId, account: string): Promise<UserRow | undefined> {
  if (/^\d+$/.test(account)) return findUserByPublicId(db, orgId, Number(account));
  if (isUuid(account)) return findUser(db, orgId, account.toLowerCase());
  return findUserByEmail(db, orgId, account);
}

async function endSessions(trx: Executor, orgId: OrgId, user: UserRow, reason: string): Promise<void> {
  await deleteUserSessions(trx, orgId, user.id);
  await revokeUserTokenFamilies(trx, orgId, user.id, reason);
}

/**
 * Vigil's own accounts as an enforcement point: sessions and refresh tokens are deleted or revoked, the
 * account disabled or flagged for a password change, in one transaction.
 */
export function respondOnAccount(db: Database, orgId: OrgId, account: string, response: AccountResponse): Promise<AccountResponseResult> {
  return db.transaction().execute(async (trx) => {
    const user = await findAccount(trx, orgId, account);
    if (!user) return { found: false, detail: `no account ${account} in the organisation` };
    if (response === 'enable') {
      await updateUser(trx, orgId, user.id, { is_active: true, updated_at: new Date() });
      return { found: true, detail: `account ${user.email} enabled` };
    }
    await endSessions(trx, orgId, user, `response:${response}`);
    if (response === 'disable') await updateUser(trx, orgId, user.id, { is_active: false, updated_at: new Date() });
    if (response === 'reset_password') await updateUser(trx, orgId, user.id, { must_change_password: true, updated_at: new Date() });
    const done = {
      revoke_sessions: 'sessions and refresh tokens revoked',
      disable: 'account disabled, sessions revoked',
      reset_password: 'password change required at next login, sessions revoked',
    };
    return { found: true, detail: `${user.email}: ${done[response]}` };
  });
}

/** Read back from the account itself: whether it is disabled (the state a disable action enforces). */
export async function accountState(db: Database, orgId: OrgId, account: string): Promise<{ found: boolean; active: boolean; mustChangePassword: boolean }> {
  const user = await findAccount(db, orgId, account);
  return user
    ? { found: true, active: user.is_active, mustChangePassword: user.must_change_password }
    : { found: false, active: false, mustChangePassword: false };
}
