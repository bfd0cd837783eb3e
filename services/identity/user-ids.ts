import type { Executor, OrgId } from '../../core/database.ts';
import { findUser, findUserByPublicId, listUserPublicIds, type UserRow } from '../../db/repos/users.repo.ts';

/**
 * A user as an API caller names one: the integer id both seed platforms use (`public_id`), or Vigil's
 * internal UUID (what audit entries and journals record). See docs/integer-ids.md.
 */
export type UserRef = number | string;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** The organisation's user named by `ref`; undefined for an unknown id, another organisation's user or a malformed one. */
export function findUserByRef(db: Executor, orgId: OrgId, ref: UserRef): Promise<UserRow | undefined> {
  if (typeof ref === 'number') return findUserByPublicId(db, orgId, ref);
  return isUuid(ref) ? findUser(db, orgId, ref.toLowerCase()) : Promise.resolve(undefined);
}

/** Maps stored actor references (user UUIDs, 'detection', API key or agent ids) to users' integer ids. */
export type UserIds = { of(actorId: string | null | undefined): number | null };

/** One query for every user among `actorIds`; anything that is not a user of the organisation maps to null. */
export async function loadUserIds(db: Executor, orgId: OrgId, actorIds: Iterable<string | null | undefined>): Promise<UserIds> {
  const uuids = [...new Set([...actorIds].filter((id): id is string => typeof id === 'string' && isUuid(id)).map((id) => id.toLowerCase()))];
  const rows = uuids.length === 0 ? [] : await listUserPublicIds(db, orgId, uuids);
  const byUuid = new Map(rows.map((row) => [row.id, Number(row.public_id)]));
  return { of: (actorId) => (actorId ? (byUuid.get(actorId.toLowerCase()) ?? null) : null) };
}
