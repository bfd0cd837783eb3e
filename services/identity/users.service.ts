import type { OrgServiceContext } from '../../core/context.ts';
import type { Executor, OrgId } from '../../core/database.ts';
import { AppError } from '../../core/errors.ts';
import type { Role } from '../../core/permissions.ts';
import { findOrg, type OrgRow } from '../../db/repos/orgs.repo.ts';
import { deleteUserSessions } from '../../db/repos/sessions.repo.ts';
import { revokeUserTokenFamilies } from '../../db/repos/token-families.repo.ts';
import { countActiveAdmins, findUser, listUsers, type UserPatch, type UserRow, updateUser } from '../../db/repos/users.repo.ts';
import { applyCreatorChangeToApiKeys } from './api-keys.service.ts';
import { actorOf, recordAudit } from './audit.service.ts';
import { toMiniXdrOrganization, toMiniXdrUser, toUserProfile, type UserProfile, type UserWithOrganization } from './user.dto.ts';
import { findUserByRef, type UserRef } from './user-ids.ts';

export const MAX_USERS_LISTED = 1000;

async function getCurrentUser(ctx: OrgServiceContext): Promise<{ user: UserRow; org: OrgRow }> {
  if (ctx.principal.actorType !== 'user') throw new AppError('FORBIDDEN', 'This credential does not belong to a user');
  const [user, org] = await Promise.all([findUser(ctx.deps.db, ctx.orgId, ctx.principal.actorId), findOrg(ctx.deps.db, ctx.orgId)]);
  if (!user || !org) throw new AppError('NOT_FOUND', 'User not found');
  return { user, org };
}

export async function getCurrentUserProfile(ctx: OrgServiceContext): Promise<UserProfile> {
  const { user, org } = await getCurrentUser(ctx);
  return toUserProfile(user, org.slug);
}

export async function getCurrentUserWithOrganization(ctx: OrgServiceContext): Promise<UserWithOrganization> {
  const { user, org } = await getCurrentUser(ctx);
  return { user: toMiniXdrUser(user, Number(org.public_id)), organization: toMiniXdrOrganization(org) };
}

export function getOrgSlug(ctx: OrgServiceContext): Promise<string> {
  return orgSlugOf(ctx.deps.db, ctx.orgId);
}

async function orgOf(db: Executor, orgId: OrgId): Promise<OrgRow> {
  const org = await findOrg(db, orgId);
  if (!org) throw new AppError('NOT_FOUND', 'Organisation not found');
  return org;
}

export async function orgSlugOf(db: Executor, orgId: OrgId): Promise<string> {
  return (await orgOf(db, orgId)).slug;
}

/** The caller's organisation's integer id, as Mini-XDR's answers carry it. */
export async function orgPublicId(ctx: OrgServiceContext): Promise<number> {
  return Number((await orgOf(ctx.deps.db, ctx.orgId)).public_id);
}

export async function listOrgUsers(ctx: OrgServiceContext): Promise<UserProfile[]> {
  const [users, slug] = await Promise.all([listUsers(ctx.deps.db, ctx.orgId, MAX_USERS_LISTED), getOrgSlug(ctx)]);
  return users.map((user) => toUserProfile(user, slug));
}

export type ProfileFields = Pick<UserRow, 'avatar_url' | 'timezone' | 'team' | 'manager' | 'computer' | 'mobile_phone'>;

export type UserUpdate = Partial<ProfileFields & { full_name: string; role: Role; is_active: boolean }>;

/**
 * Admin edit of a user; role and activation changes are audited, a deactivated user is signed out and
 * loses the API keys they created, and a role change bounds those keys (ADR 0011).
 */
export async function updateOrgUser(ctx: OrgServiceContext, userRef: UserRef, update: UserUpdate): Promise<UserProfile> {
  const { db } = ctx.deps;
  const user = await db.transaction().execute(async (trx) => {
    const existing = await findUserByRef(trx, ctx.orgId, userRef);
    if (!existing) throw new AppError('NOT_FOUND', `User '${userRef}' not found`);
    const userId = existing.id;
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
    await applyCreatorChangeToApiKeys(trx, ctx, existing, updated);
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
  return toUserProfile(user, await getOrgSlug(ctx));
}
