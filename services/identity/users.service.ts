import type { OrgServiceContext } from '../../core/context.ts';
import type { Executor, OrgId } from '../../core/database.ts';
import { AppError } from '../../core/errors.ts';
import type { Role } from '../../core/permissions.ts';
import { findOrg, type OrgRow } from '../../db/repos/orgs.repo.ts';
import { deleteUserSessions } from '../../db/repos/sessions.repo.ts';
import { revokeUserTokenFamilies } from '../../db/repos/tokens.repo.ts';
import { countActiveAdmins, findUser, insertUser, listUsers, type UserPatch, type UserRow, updateUser } from '../../db/repos/users.repo.ts';
import { unsafeFindUserByEmail } from '../../db/unsafe/credentials.repo.ts';
import { actorOf, recordAudit } from './audit.service.ts';
import { normaliseEmail } from './password-login.service.ts';
import { hashPassword, passwordPolicyProblems } from './passwords.ts';

export const MAX_USERS_LISTED = 1000;

export async function getCurrentUser(ctx: OrgServiceContext): Promise<{ user: UserRow; org: OrgRow }> {
  if (ctx.principal.actorType !== 'user') throw new AppError('FORBIDDEN', 'This credential does not belong to a user');
  const [user, org] = await Promise.all([findUser(ctx.deps.db, ctx.orgId, ctx.principal.actorId), findOrg(ctx.deps.db, ctx.orgId)]);
  if (!user || !org) throw new AppError('NOT_FOUND', 'User not found');
  return { user, org };
}

export function getOrgSlug(ctx: OrgServiceContext): Promise<string> {
  return orgSlugOf(ctx.deps.db, ctx.orgId);
}

export async function orgSlugOf(db: Executor, orgId: OrgId): Promise<string> {
  const org = await findOrg(db, orgId);
  if (!org) throw new AppError('NOT_FOUND', 'Organisation not found');
  return org.slug;
}

export function listOrgUsers(ctx: OrgServiceContext): Promise<UserRow[]> {
  return listUsers(ctx.deps.db, ctx.orgId, MAX_USERS_LISTED);
}

export type NewUser = { email: string; full_name: string; role: Role; password: string; mustChangePassword: boolean; profile?: Partial<ProfileFields> };
export type ProfileFields = Pick<UserRow, 'avatar_url' | 'timezone' | 'team' | 'manager' | 'computer' | 'mobile_phone'>;

/** Adds a user to the caller's organisation; the password must meet the policy, whoever chose it. */
export async function createOrgUser(ctx: OrgServiceContext, input: NewUser, auditAction: 'user.created' | 'user.invited'): Promise<UserRow> {
  const { db } = ctx.deps;
  const problems = passwordPolicyProblems(input.password);
  if (problems.length > 0)
    throw new AppError('VALIDATION_FAILED', `Password ${problems.join(', ')}`, { issues: problems.map((message) => ({ path: 'password', message })) });
  const email = normaliseEmail(input.email);
  if (await unsafeFindUserByEmail(db, email)) throw new AppError('CONFLICT', 'A user with this email already exists');
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const user = await insertUser(trx, ctx.orgId, {
      email,
      full_name: input.full_name.trim(),
      role: input.role,
      password_hash: passwordHash,
      must_change_password: input.mustChangePassword,
      ...input.profile,
    });
    await recordAudit(trx, ctx, {
      orgId: ctx.orgId,
      action: auditAction,
      actor: actorOf(ctx),
      target: { type: 'user', id: user.id },
      details: { role: input.role },
    });
    return user;
  });
}

export type UserUpdate = Partial<ProfileFields & { full_name: string; role: Role; is_active: boolean }>;

/** Admin edit of a user; role and activation changes are audited, and a deactivated user is signed out. */
export async function updateOrgUser(ctx: OrgServiceContext, userId: string, update: UserUpdate): Promise<UserRow> {
  const { db } = ctx.deps;
  return db.transaction().execute(async (trx) => {
    const existing = await findUser(trx, ctx.orgId, userId);
    if (!existing) throw new AppError('NOT_FOUND', `User '${userId}' not found`);
    const losesAdmin = existing.role === 'admin' && existing.is_active && ((update.role && update.role !== 'admin') || update.is_active === false);
    if (losesAdmin && (await countActiveAdmins(trx, ctx.orgId)) <= 1) {
      throw new AppError('PRECONDITION_FAILED', 'The last active admin of an organisation cannot be demoted or deactivated');
    }
    const patch: UserPatch = { ...update, ...(update.full_name ? { full_name: update.full_name.trim() } : {}) };
    const updated = await updateUser(trx, ctx.orgId, userId, patch);
    if (!updated) throw new AppError('NOT_FOUND', `User '${userId}' not found`);
    if (update.is_active === false) {
      await revokeUserTokenFamilies(trx, ctx.orgId, userId, 'deactivated');
      await deleteUserSessions(trx, ctx.orgId, userId);
    }
    const roleChanged = update.role !== undefined && update.role !== existing.role;
    await recordAudit(trx, ctx, {
      orgId: ctx.orgId,
      action: roleChanged ? 'user.role_changed' : 'user.updated',
      actor: actorOf(ctx),
      target: { type: 'user', id: userId },
      details: { fields: Object.keys(update), ...(roleChanged ? { from: existing.role, to: update.role } : {}) },
    });
    return updated;
  });
}
