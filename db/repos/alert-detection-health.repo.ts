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

/** Stored events detection has not scanned yet, counted up to `cap` so the query stays bounded. */
export async function countEventsAfter(db: Executor, orgId: OrgId, afterId: number, cap: number): Promise<number> {
  const result = await sql<{ count: number }>`
    select count(*)::int as count from (
      select 1 from events where events.org_id = ${orgId} and events.id > ${afterId} limit ${cap}
    ) as pending`.execute(db);
  return result.rows[0]?.count ?? 0;
}

/** When the oldest not-yet-scanned event was received. */
export async function oldestEventAfter(db: Executor, orgId: OrgId, afterId: number): Promise<Date | null> {
  const row = await db
    .selectFrom('events')
    .select('events.received_at')
    .where('events.org_id', '=', orgId)
    .where('events.id', '>', afterId)
    .orderBy('events.id')
    .limit(1)
    .executeTakeFirst();
  return row?.received_at ?? null;
}
