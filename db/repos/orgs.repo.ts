import type { Insertable, Selectable } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { Orgs } from '../schema.generated.ts';

export type OrgRow = Selectable<Orgs>;

export async function countOrgs(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('orgs')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export function insertOrg(db: Executor, values: Insertable<Orgs>): Promise<OrgRow> {
  return db.insertInto('orgs').values(values).returningAll().executeTakeFirstOrThrow();
}

export function findOrg(db: Executor, orgId: OrgId): Promise<OrgRow | undefined> {
  return db.selectFrom('orgs').selectAll().where('orgs.id', '=', orgId).executeTakeFirst();
}

export async function slugTaken(db: Executor, slug: string): Promise<boolean> {
  return (await db.selectFrom('orgs').select('orgs.id').where('orgs.slug', '=', slug).executeTakeFirst()) !== undefined;
}
