import type { Selectable } from 'kysely';
import type { Executor } from '../../core/database.ts';
import type { AgentEnrollmentKeys, Agents, ApiKeys, Sessions, TokenFamilies, Users } from '../schema.generated.ts';

// Look-ups made before any organisation is known: the credential itself names the tenant.

export function unsafeFindUserByEmail(db: Executor, email: string): Promise<Selectable<Users> | undefined> {
  return db.selectFrom('users').selectAll().where('users.email', '=', email).executeTakeFirst();
}

export function unsafeFindSession(db: Executor, sessionId: string): Promise<Selectable<Sessions> | undefined> {
  return db.selectFrom('sessions').selectAll().where('sessions.id', '=', sessionId).executeTakeFirst();
}

export function unsafeFindTokenFamily(db: Executor, familyId: string): Promise<Selectable<TokenFamilies> | undefined> {
  return db.selectFrom('token_families').selectAll().where('token_families.id', '=', familyId).executeTakeFirst();
}

export function unsafeFindApiKeyByPrefix(db: Executor, prefix: string): Promise<Selectable<ApiKeys> | undefined> {
  return db.selectFrom('api_keys').selectAll().where('api_keys.prefix', '=', prefix).executeTakeFirst();
}

/** Locks the refresh-token row so two concurrent refreshes cannot both rotate it. */
export function unsafeLockRefreshToken(db: Executor, jti: string) {
  return db.selectFrom('refresh_tokens').selectAll().where('refresh_tokens.jti', '=', jti).forUpdate().executeTakeFirst();
}

/** The user behind a verified credential, with the organisation the credential carries. */
export function unsafeFindUserById(db: Executor, userId: string): Promise<Selectable<Users> | undefined> {
  return db.selectFrom('users').selectAll().where('users.id', '=', userId).executeTakeFirst();
}

/** An agent enrolment key: it names the organisation the enrolling agent joins. */
export function unsafeFindEnrollmentKeyByPrefix(db: Executor, prefix: string): Promise<Selectable<AgentEnrollmentKeys> | undefined> {
  return db.selectFrom('agent_enrollment_keys').selectAll().where('agent_enrollment_keys.prefix', '=', prefix).executeTakeFirst();
}

/** The agent behind an agent key (X-Agent-Key). */
export function unsafeFindAgentByKeyPrefix(db: Executor, prefix: string): Promise<Selectable<Agents> | undefined> {
  return db.selectFrom('agents').selectAll().where('agents.key_prefix', '=', prefix).executeTakeFirst();
}
