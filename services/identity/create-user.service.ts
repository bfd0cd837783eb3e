import type { OrgServiceContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import type { Role } from '../../core/permissions.ts';
import { insertUser, type UserRow } from '../../db/repos/users.repo.ts';
import { unsafeFindUserByEmail } from '../../db/unsafe/credentials.repo.ts';
import { limitUserCreation } from './account-creation-limits.ts';
import { actorOf, recordAudit } from './audit.service.ts';
import { normaliseEmail } from './password-login.service.ts';
import { generateTemporaryPassword, hashPassword, passwordPolicyProblems } from './passwords.ts';
import { type MiniXdrUser, toMiniXdrUser, toUserProfile, type UserProfile } from './user.dto.ts';
import { getOrgSlug, orgPublicId, type ProfileFields } from './users.service.ts';

export type NewUser = { email: string; full_name: string; role: Role; password: string; profile?: Partial<ProfileFields> };

/** POST /users: the admin chose the password, so it need not be changed at first login. */
export async function createOrgUser(ctx: OrgServiceContext, input: NewUser): Promise<UserProfile> {
  const user = await insertOrgUser(ctx, { ...input, mustChangePassword: false }, 'user.created');
  return toUserProfile(user, await getOrgSlug(ctx));
}

/** The one-time password, returned this once, allows nothing but setting a new one. */
export async function inviteOrgUser(
  ctx: OrgServiceContext,
  input: { email: string; full_name: string; role: Role },
): Promise<{ user: MiniXdrUser; temporaryPassword: string }> {
  const temporaryPassword = generateTemporaryPassword();
  const user = await insertOrgUser(ctx, { ...input, password: temporaryPassword, mustChangePassword: true }, 'user.invited');
  return { user: toMiniXdrUser(user, await orgPublicId(ctx)), temporaryPassword };
}

/**
 * Adds a user to the caller's organisation; the password must meet the policy, whoever chose it. Rate
 * limited first, since a 409 tells the caller the email exists somewhere.
 */
async function insertOrgUser(
  ctx: OrgServiceContext,
  input: NewUser & { mustChangePassword: boolean },
  auditAction: 'user.created' | 'user.invited',
): Promise<UserRow> {
  const { db } = ctx.deps;
  await limitUserCreation(ctx);
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
