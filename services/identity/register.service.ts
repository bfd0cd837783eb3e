import type { z } from 'zod';
import type { ServiceContext } from '../../core/context.ts';
import { unsafeMintOrgId } from '../../core/database.ts';
import { AppError } from '../../core/errors.ts';
import { countOrgs, insertOrg, slugTaken } from '../../db/repos/orgs.repo.ts';
import { insertUser } from '../../db/repos/users.repo.ts';
import { unsafeFindUserByEmail } from '../../db/unsafe/credentials.repo.ts';
import { limitRegistration } from './account-creation-limits.ts';
import { recordAudit } from './audit.service.ts';
import { slugify } from './org-slug.ts';
import { normaliseEmail } from './password-login.service.ts';
import { hashPassword, passwordPolicyProblems } from './passwords.ts';
import { ZTokenPair } from './token-pair.dto.ts';
import { issueTokenPair } from './token-pair.service.ts';
import { toMiniXdrOrganization, toMiniXdrUser, ZMiniXdrOrganization, ZMiniXdrUser } from './user.dto.ts';

export type RegisterInput = { organization_name: string; admin_email: string; admin_password: string; admin_name: string };

export const ZRegistration = ZTokenPair.extend({ user: ZMiniXdrUser, organization: ZMiniXdrOrganization });
export type Registration = z.infer<typeof ZRegistration>;

/**
 * Creates an organisation and its first admin. Open while no organisation exists (first run); after
 * that only when AUTH_OPEN_REGISTRATION=true.
 */
export async function registerOrganisation(ctx: ServiceContext, input: RegisterInput): Promise<Registration> {
  const { db, config, secrets } = ctx.deps;
  await limitRegistration(ctx);
  if (!config.AUTH_OPEN_REGISTRATION && (await countOrgs(db)) > 0) {
    throw new AppError('FORBIDDEN', 'Registration is closed: ask an administrator for an invite (or set AUTH_OPEN_REGISTRATION=true)');
  }
  const problems = passwordPolicyProblems(input.admin_password);
  if (problems.length > 0)
    throw new AppError('VALIDATION_FAILED', `Password ${problems.join(', ')}`, { issues: problems.map((message) => ({ path: 'admin_password', message })) });
  const slug = slugify(input.organization_name);
  if (slug.length < 2)
    throw new AppError('VALIDATION_FAILED', 'Organisation name needs at least two letters or digits', {
      issues: [{ path: 'organization_name', message: 'too few letters or digits' }],
    });
  const email = normaliseEmail(input.admin_email);
  if (await slugTaken(db, slug)) throw new AppError('CONFLICT', `Organisation '${slug}' already exists`);
  if (await unsafeFindUserByEmail(db, email)) throw new AppError('CONFLICT', 'A user with this email already exists');
  const passwordHash = await hashPassword(input.admin_password);

  return db.transaction().execute(async (trx) => {
    const org = await insertOrg(trx, { name: input.organization_name.trim(), slug });
    const orgId = unsafeMintOrgId(org.id);
    const user = await insertUser(trx, orgId, { email, full_name: input.admin_name.trim(), role: 'admin', password_hash: passwordHash });
    const actor = { type: 'user', id: user.id };
    await recordAudit(trx, ctx, { orgId, action: 'org.registered', actor, target: { type: 'org', id: org.id }, details: { slug } });
    await recordAudit(trx, ctx, { orgId, action: 'user.created', actor, target: { type: 'user', id: user.id }, details: { role: 'admin' } });
    const tokens = await issueTokenPair(trx, secrets.jwtKey, user);
    return { ...tokens, user: toMiniXdrUser(user, Number(org.public_id)), organization: toMiniXdrOrganization(org) };
  });
}
