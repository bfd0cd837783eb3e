import type { Insertable, Selectable } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { HuntRuns } from '../schema.generated.ts';

export type HuntRunRow = Selectable<HuntRuns>;
export type NewHuntRun = Omit<Insertable<HuntRuns>, 'id' | 'org_id' | 'finished_at'>;

export function insertHuntRun(db: Executor, orgId: OrgId, run: NewHuntRun): Promise<HuntRunRow> {
  return db
    .insertInto('hunt_runs')
    .values({ ...run, org_id: orgId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Newest first; `beforeId` pages back. */
export function listHuntRuns(db: Executor, orgId: OrgId, huntId: string, page: { limit: number; beforeId?: number | undefined }): Promise<HuntRunRow[]> {
  let query = db.selectFrom('hunt_runs').selectAll().where('hunt_runs.org_id', '=', orgId).where('hunt_runs.hunt_id', '=', huntId);
  if (page.beforeId !== undefined) query = query.where('hunt_runs.id', '<', page.beforeId);
  return query.orderBy('hunt_runs.id', 'desc').limit(page.limit).execute();
}
