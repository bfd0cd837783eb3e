import { sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';

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
