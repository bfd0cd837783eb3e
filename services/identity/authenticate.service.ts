import type { ServiceDeps } from '../../core/context.ts';
import { unsafeMintOrgId } from '../../core/database.ts';
import { type Role, weakerRole } from '../../core/permissions.ts';
import type { Principal } from '../../core/principal.ts';
import { type ApiKeyRow, touchApiKey } from '../../db/repos/api-keys.repo.ts';
import { unsafeFindAgentByKeyPrefix, unsafeFindApiKeyByPrefix, unsafeFindTokenFamily, unsafeFindUserById } from '../../db/unsafe/credentials.repo.ts';
import { parseAgentKey } from './agent-key-format.ts';
import { parseApiKey } from './api-key-format.ts';
import { looksLikeJwt, verifyToken } from './jwt.ts';
import { secretMatches } from './secure-tokens.ts';
import { validateSessionToken } from './sessions.service.ts';

export const SESSION_COOKIE = 'access_token';

export type Credentials = {
  apiKey?: string | undefined;
  /** X-Agent-Key, or a bearer token that has the agent-key shape. */
  agentKey?: string | undefined;
  bearer?: string | undefined;
  sessionCookie?: string | undefined;
};

/**
 * Resolves the caller's credential to a Principal: a bearer JWT (Mini-XDR) or bearer session token, an
 * API key, an agent key, or the session cookie (EventSec). Only the first present in that order is
 * checked: Mini-XDR's front-end sends its deployment `x-api-key` beside the user's JWT, and the user's
 * token must decide (a stale key beside it is ignored, a bad token is not rescued by the key). Returns
 * `null` when none was presented and `'invalid'` when the deciding one does not hold.
 */
export async function resolvePrincipal(deps: ServiceDeps, credentials: Credentials): Promise<Principal | null | 'invalid'> {
  if (credentials.bearer) {
    const principal = looksLikeJwt(credentials.bearer)
      ? await principalFromJwt(deps, credentials.bearer)
      : await principalFromSession(deps, credentials.bearer);
    return principal ?? 'invalid';
  }
  if (credentials.apiKey) return (await principalFromApiKey(deps, credentials.apiKey)) ?? 'invalid';
  if (credentials.agentKey) return (await principalFromAgentKey(deps, credentials.agentKey)) ?? 'invalid';
  if (credentials.sessionCookie) return (await principalFromSession(deps, credentials.sessionCookie)) ?? 'invalid';
  return null;
}

/** A key acts with at most its creator's current role, and not at all once the creator is inactive (ADR 0011). */
async function principalFromApiKey(deps: ServiceDeps, presented: string): Promise<Principal | null> {
  const parsed = parseApiKey(presented);
  if (!parsed) return null;
  const key = await unsafeFindApiKeyByPrefix(deps.db, parsed.prefix);
  if (!key || key.revoked_at || !secretMatches(presented, key.key_hash)) return null;
  const role = await effectiveKeyRole(deps, key);
  if (!role) return null;
  const orgId = unsafeMintOrgId(key.org_id);
  await touchApiKey(deps.db, orgId, key.id);
  return { actorType: 'api_key', actorId: key.id, orgId, role, mustChangePassword: false, credential: { kind: 'api_key', keyId: key.id } };
}

/** Keys without a creator were provisioned by an operator script, not by a user, and keep their own role. */
async function effectiveKeyRole(deps: ServiceDeps, key: Pick<ApiKeyRow, 'role' | 'created_by' | 'org_id'>): Promise<Role | null> {
  const keyRole = key.role as Role;
  if (key.created_by === null) return keyRole;
  const creator = await unsafeFindUserById(deps.db, key.created_by);
  if (!creator?.is_active || creator.org_id !== key.org_id) return null;
  return weakerRole(keyRole, creator.role as Role);
}

/** A revoked agent, or a key replaced by re-enrolment, no longer matches. */
async function principalFromAgentKey(deps: ServiceDeps, presented: string): Promise<Principal | null> {
  const parsed = parseAgentKey(presented);
  if (!parsed) return null;
  const agent = await unsafeFindAgentByKeyPrefix(deps.db, parsed.prefix);
  if (!agent || agent.revoked_at || !secretMatches(presented, agent.key_hash)) return null;
  return {
    actorType: 'agent',
    actorId: agent.id,
    orgId: unsafeMintOrgId(agent.org_id),
    role: 'agent',
    mustChangePassword: false,
    credential: { kind: 'machine' },
  };
}

async function principalFromJwt(deps: ServiceDeps, token: string): Promise<Principal | null> {
  const claims = await verifyToken(deps.secrets.jwtKey, token, 'access');
  if (!claims) return null;
  const family = await unsafeFindTokenFamily(deps.db, claims.fam);
  if (!family || family.revoked_at || family.user_id !== claims.sub) return null;
  return userPrincipal(deps, claims.sub, family.org_id, { kind: 'jwt', familyId: family.id });
}

async function principalFromSession(deps: ServiceDeps, token: string): Promise<Principal | null> {
  const session = await validateSessionToken(deps.db, token, deps.config.AUTH_SESSION_TTL_SECONDS);
  if (!session) return null;
  return userPrincipal(deps, session.userId, session.orgId, { kind: 'session', sessionId: session.sessionId });
}

/** The role comes from the user row, not the token, so a role change or deactivation applies at once. */
async function userPrincipal(deps: ServiceDeps, userId: string, orgId: string, credential: Principal['credential']): Promise<Principal | null> {
  const user = await unsafeFindUserById(deps.db, userId);
  if (!user?.is_active || user.org_id !== orgId) return null;
  return {
    actorType: 'user',
    actorId: user.id,
    orgId: unsafeMintOrgId(user.org_id),
    role: user.role as Role,
    mustChangePassword: user.must_change_password,
    credential,
  };
}
