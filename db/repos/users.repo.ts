import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { Users } from '../schema.generated.ts';

export type UserRow = Selectable<Users>;
export type UserPatch = Omit<Updateable<Users>, 'id' | 'public_id' | 'org_id' | 'created_at'>;

export function insertUser(db: Executor, orgId: OrgId, values: Omit<Insertable<Users>, 'org_id'>): Promise<UserRow> {
  return db
    .insertInto('users')
    .values({ ...values, org_id: orgId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findUser(db: Executor, orgId: OrgId, userId: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('users.org_id', '=', orgId).where('users.id', '=', userId).executeTakeFirst();
}

/** By the integer id the API shows (`public_id`). */
export function findUserByPublicId(db: Executor, orgId: OrgId, publicId: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('users.org_id', '=', orgId).where('users.public_id', '=', publicId).executeTakeFirst();
}

/** The integer ids of those of `userIds` that are users of the organisation. */
export function listUserPublicIds(db: Executor, orgId: OrgId, userIds: readonly string[]): Promise<{ id: string; public_id: number }[]> {
  return db
    .selectFrom('users')
    .select(['users.id', 'users.public_id'])
    .where('users.org_id', '=', orgId)
    .where('users.id', 'in', [...userIds])
    .execute();
}

export function listUsers(db: Executor, orgId: OrgId, limit: number): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().where('users.org_id', '=', orgId).orderBy('users.created_at').orderBy('users.id').limit(limit).execute();
}

export function updateUser(db: Executor, orgId: OrgId, userId: string, patch: UserPatch): Promise<UserRow | undefined> {
  return db
    .updateTable('users')
    .set({ ...patch, updated_at: sql`now()` })
    .where('users.org_id', '=', orgId)
    .where('users.id', '=', userId)
    .returningAll()
    .executeTakeFirst();
}

export async function countActiveAdmins(db: Executor, orgId: OrgId): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('users.org_id', '=', orgId)
    .where('users.role', '=', 'admin')
    .where('users.is_active', '=', true)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function recordSuccessfulLogin(db: Executor, orgId: OrgId, userId: string): Promise<void> {
  await db.updateTable('users').set({ last_login_at: sql`now()` }).where('users.org_id', '=', orgId).where('users.id', '=', userId).execute();
}

/** The organisation's user with this email (emails compare case-insensitively). */
export function findUserByEmail(db: Executor, orgId: OrgId, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('org_id', '=', orgId)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}
