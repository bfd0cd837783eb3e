import { sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';

/** Takes the organisation's detection lock for this transaction, or reports that another worker holds it. */
export async function tryLockOrgDetection(db: Executor, orgId: OrgId): Promise<boolean> {
  const result = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(hashtext(${`detect:${orgId}`})) as locked`.execute(db);
  return result.rows[0]?.locked === true;
}

export async function readDetectionCursor(db: Executor, orgId: OrgId): Promise<number> {
  const row = await db
    .selectFrom('detection_cursors')
    .select('detection_cursors.last_event_id')
    .where('detection_cursors.org_id', '=', orgId)
    .executeTakeFirst();
  return row ? Number(row.last_event_id) : 0;
}

export async function advanceDetectionCursor(db: Executor, orgId: OrgId, lastEventId: number): Promise<void> {
  await db
    .insertInto('detection_cursors')
    .values({ org_id: orgId, last_event_id: lastEventId })
    .onConflict((oc) => oc.column('org_id').doUpdateSet({ last_event_id: lastEventId, updated_at: sql`now()` }))
    .execute();
}

export type DetectorRunStats = { detector: string; scanned: number; matches: number; error?: string | undefined };

export async function recordDetectorRuns(db: Executor, orgId: OrgId, runs: readonly DetectorRunStats[]): Promise<void> {
  for (const run of runs) {
    await db
      .insertInto('detector_health')
      .values({
        org_id: orgId,
        detector: run.detector,
        last_run_at: sql`now()`,
        events_scanned: run.scanned,
        matches: run.matches,
        errors: run.error ? 1 : 0,
        last_error: run.error ?? null,
        last_error_at: run.error ? sql`now()` : null,
      })
      .onConflict((oc) =>
        oc.columns(['org_id', 'detector']).doUpdateSet({
          last_run_at: sql`now()`,
          events_scanned: sql`detector_health.events_scanned + ${run.scanned}`,
          matches: sql`detector_health.matches + ${run.matches}`,
          errors: sql`detector_health.errors + ${run.error ? 1 : 0}`,
          last_error: run.error ? run.error : sql`detector_health.last_error`,
          last_error_at: run.error ? sql`now()` : sql`detector_health.last_error_at`,
        }),
      )
      .execute();
  }
}

export function listDetectorHealth(db: Executor, orgId: OrgId) {
  return db.selectFrom('detector_health').selectAll().where('detector_health.org_id', '=', orgId).orderBy('detector_health.detector').execute();
}
