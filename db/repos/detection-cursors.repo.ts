import { sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';

/** Where the organisation's detection pass stands (no row: it never ran). */
export async function readDetectionCursorRow(db: Executor, orgId: OrgId): Promise<{ last_event_id: number; updated_at: Date | null }> {
  const row = await db
    .selectFrom('detection_cursors')
    .select(['detection_cursors.last_event_id', 'detection_cursors.updated_at'])
    .where('detection_cursors.org_id', '=', orgId)
    .executeTakeFirst();
  return row ? { last_event_id: Number(row.last_event_id), updated_at: row.updated_at } : { last_event_id: 0, updated_at: null };
}

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
