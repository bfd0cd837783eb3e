import { type Insertable, type Selectable, sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { ApiKeys } from '../schema.generated.ts';

export type ApiKeyRow = Selectable<ApiKeys>;

export function insertApiKey(db: Executor, orgId: OrgId, values: Omit<Insertable<ApiKeys>, 'org_id'>): Promise<ApiKeyRow> {
  return db
    .insertInto('api_keys')
    .values({ ...values, org_id: orgId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listApiKeys(db: Executor, orgId: OrgId, limit: number): Promise<ApiKeyRow[]> {
  return db.selectFrom('api_keys').selectAll().where('api_keys.org_id', '=', orgId).orderBy('api_keys.created_at', 'desc').limit(limit).execute();
}

export function revokeApiKey(db: Executor, orgId: OrgId, keyId: string): Promise<ApiKeyRow | undefined> {
  return db
    .updateTable('api_keys')
    .set({ revoked_at: sql`coalesce(revoked_at, now())` })
    .where('api_keys.org_id', '=', orgId)
    .where('api_keys.id', '=', keyId)
    .returningAll()
    .executeTakeFirst();
}

export function findApiKey(db: Executor, orgId: OrgId, keyId: string): Promise<ApiKeyRow | undefined> {
  return db.selectFrom('api_keys').selectAll().where('api_keys.org_id', '=', orgId).where('api_keys.id', '=', keyId).executeTakeFirst();
}

/** The keys a user created that still work. */
export function listLiveApiKeysCreatedBy(db: Executor, orgId: OrgId, userId: string): Promise<ApiKeyRow[]> {
  return db
    .selectFrom('api_keys')
    .selectAll()
    .where('api_keys.org_id', '=', orgId)
    .where('api_keys.created_by', '=', userId)
    .where('api_keys.revoked_at', 'is', null)
    .orderBy('api_keys.created_at')
    .execute();
}

/** Revokes every key a user created that still works; returns those it revoked. */
export function revokeApiKeysCreatedBy(db: Executor, orgId: OrgId, userId: string): Promise<ApiKeyRow[]> {
  return db
    .updateTable('api_keys')
    .set({ revoked_at: sql`now()` })
    .where('api_keys.org_id', '=', orgId)
    .where('api_keys.created_by', '=', userId)
    .where('api_keys.revoked_at', 'is', null)
    .returningAll()
    .execute();
}

/** Records use at most once a minute, so a busy key does not write on every request. */
export async function touchApiKey(db: Executor, orgId: OrgId, keyId: string): Promise<void> {
  await db
    .updateTable('api_keys')
    .set({ last_used_at: sql`now()` })
    .where('api_keys.org_id', '=', orgId)
    .where('api_keys.id', '=', keyId)
    .where((eb) => eb.or([eb('api_keys.last_used_at', 'is', null), eb('api_keys.last_used_at', '<', sql<Date>`now() - interval '1 minute'`)]))
    .execute();
}
