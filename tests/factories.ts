import { randomBytes } from 'node:crypto';
import { insertOrg } from '../db/repos/orgs.repo.ts';
import { insertUser } from '../db/repos/users.repo.ts';
import { type OrgId, unsafeMintOrgId } from '../db/scope.ts';
import type { Deps } from '../server/deps.ts';
import { hashPassword } from '../services/auth/passwords.ts';
import type { Role } from '../services/auth/permissions.ts';
import { issueTokenPair } from '../services/auth/token-pair.service.ts';
import type { OrgServiceContext } from '../services/context.ts';

export const TEST_PASSWORD = 'Correct-Horse-9-Battery!';
let passwordHash: Promise<string> | undefined;

export type TestUser = { id: string; email: string; password: string; role: Role; bearer: string; headers: Record<string, string> };
export type TestOrg = { orgId: OrgId; slug: string; admin: TestUser; addUser: (role: Role) => Promise<TestUser> };

/** A fresh organisation with an admin, inserted through the repos; tokens issued directly (no login round trip). */
export async function createTestOrg(deps: Deps): Promise<TestOrg> {
  const slug = `org-${randomBytes(5).toString('hex')}`;
  const org = await insertOrg(deps.db, { name: `Test ${slug}`, slug });
  const orgId = unsafeMintOrgId(org.id);
  const addUser = (role: Role) => createTestUser(deps, orgId, role);
  return { orgId, slug, admin: await addUser('admin'), addUser };
}

export async function createTestUser(deps: Deps, orgId: OrgId, role: Role, overrides: { mustChangePassword?: boolean } = {}): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const email = `${role}-${randomBytes(5).toString('hex')}@vigil.test`;
  const user = await insertUser(deps.db, orgId, {
    email,
    full_name: `Test ${role}`,
    role,
    password_hash: await passwordHash,
    must_change_password: overrides.mustChangePassword ?? false,
  });
  const tokens = await issueTokenPair(deps.db, deps.secrets.jwtKey, user);
  return { id: user.id, email, password: TEST_PASSWORD, role, bearer: tokens.access_token, headers: { authorization: `Bearer ${tokens.access_token}` } };
}

/** The service context of a user of `org`, for calling services directly in integration tests. */
export function orgServiceContext(deps: Deps, org: TestOrg, user: TestUser = org.admin): OrgServiceContext {
  return {
    deps,
    logger: deps.logger,
    requestId: null,
    ip: '127.0.0.1',
    orgId: org.orgId,
    principal: { actorType: 'user', actorId: user.id, orgId: org.orgId, role: user.role, mustChangePassword: false, credential: { kind: 'machine' } },
  };
}
