import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { Hunts } from '../schema.generated.ts';

export type HuntRow = Selectable<Hunts>;
export type NewHunt = Omit<Insertable<Hunts>, 'id' | 'org_id' | 'public_id' | 'created_at' | 'updated_at' | 'last_run_at' | 'next_run_at'>;
export type HuntChange = Omit<Updateable<Hunts>, 'id' | 'org_id' | 'public_id' | 'created_at' | 'created_by' | 'updated_at' | 'last_run_at' | 'next_run_at'>;

/** A list shows at most this many hunts (Sentinel allows 100 hunts per workspace). */
export const MAX_HUNTS_LISTED = 500;

export function insertHunt(db: Executor, orgId: OrgId, hunt: NewHunt): Promise<HuntRow> {
  const scheduled = hunt.enabled !== false && hunt.schedule_seconds != null;
  return db
    .insertInto('hunts')
    .values({ ...hunt, org_id: orgId, next_run_at: scheduled ? sql`now()` : null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Applies a change. next_run_at follows enabled and the schedule (a CHECK keeps them consistent), computed in the same
 * statement from the new values: a hunt that becomes scheduled, or whose interval changed, runs at once (the next cron
 * minute); one that stays scheduled keeps its slot; a disabled or unscheduled one has none.
 */
export function updateHunt(db: Executor, orgId: OrgId, publicId: number, change: HuntChange): Promise<HuntRow | undefined> {
  const enabled = change.enabled === undefined ? sql<boolean>`enabled` : sql<boolean>`${change.enabled}::boolean`;
  const schedule = change.schedule_seconds === undefined ? sql<number | null>`schedule_seconds` : sql<number | null>`${change.schedule_seconds}::int`;
  const rescheduled = change.schedule_seconds !== undefined;
  return db
    .updateTable('hunts')
    .set({
      ...change,
      updated_at: sql`now()`,
      next_run_at: sql<Date | null>`case
        when not ${enabled} or ${schedule} is null then null
        when next_run_at is null or ${rescheduled}::boolean then now()
        else next_run_at end`,
    })
    .where('hunts.org_id', '=', orgId)
    .where('hunts.public_id', '=', publicId)
    .returningAll()
    .executeTakeFirst();
}

export function findHunt(db: Executor, orgId: OrgId, publicId: number): Promise<HuntRow | undefined> {
  return db.selectFrom('hunts').selectAll().where('hunts.org_id', '=', orgId).where('hunts.public_id', '=', publicId).executeTakeFirst();
}

export function findHuntById(db: Executor, orgId: OrgId, id: string): Promise<HuntRow | undefined> {
  return db.selectFrom('hunts').selectAll().where('hunts.org_id', '=', orgId).where('hunts.id', '=', id).executeTakeFirst();
}

export function findHuntByName(db: Executor, orgId: OrgId, name: string): Promise<HuntRow | undefined> {
  return db.selectFrom('hunts').selectAll().where('hunts.org_id', '=', orgId).where('hunts.name', '=', name).executeTakeFirst();
}

export type HuntFilter = { enabled?: boolean | undefined; scheduled?: boolean | undefined };

export function listHunts(db: Executor, orgId: OrgId, filter: HuntFilter): Promise<HuntRow[]> {
  let query = db.selectFrom('hunts').selectAll().where('hunts.org_id', '=', orgId);
  if (filter.enabled !== undefined) query = query.where('hunts.enabled', '=', filter.enabled);
  if (filter.scheduled !== undefined) query = query.where('hunts.schedule_seconds', filter.scheduled ? 'is not' : 'is', null);
  return query.orderBy('hunts.public_id').limit(MAX_HUNTS_LISTED).execute();
}

export async function deleteHunt(db: Executor, orgId: OrgId, publicId: number): Promise<HuntRow | undefined> {
  return db.deleteFrom('hunts').where('hunts.org_id', '=', orgId).where('hunts.public_id', '=', publicId).returningAll().executeTakeFirst();
}

export async function markHuntRun(db: Executor, orgId: OrgId, id: string, at: Date): Promise<void> {
  await db.updateTable('hunts').set({ last_run_at: at }).where('hunts.org_id', '=', orgId).where('hunts.id', '=', id).execute();
}

/** Namespace of the hunts' run locks (two-key advisory locks, apart from the one-key ones other tables use). */
const HUNT_RUN_LOCK_CLASS = 0x68756e74;

/**
 * Takes the hunt's run lock for the rest of the transaction, or answers false when another run holds it: one
 * scheduled run of a hunt at a time, across workers.
 */
export async function tryLockHuntRun(db: Executor, publicId: number): Promise<boolean> {
  const result = await sql<{ locked: boolean }>`
    select pg_try_advisory_xact_lock(${HUNT_RUN_LOCK_CLASS}::int, (${publicId}::bigint % 2147483647)::int) as locked`.execute(db);
  return result.rows[0]?.locked === true;
}
