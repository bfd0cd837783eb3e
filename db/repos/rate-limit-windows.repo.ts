import { sql } from 'kysely';
import type { Executor } from '../../core/database.ts';

/** Adds one hit to the key's current window and returns the window's total. */
export async function hitRateWindow(db: Executor, key: string, windowStart: Date): Promise<number> {
  const row = await db
    .insertInto('rate_limit_windows')
    .values({ key, window_start: windowStart, hits: 1 })
    .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ hits: sql`rate_limit_windows.hits + 1` }))
    .returning('hits')
    .executeTakeFirstOrThrow();
  return row.hits;
}

export async function deleteRateWindowsBefore(db: Executor, before: Date): Promise<number> {
  const result = await db.deleteFrom('rate_limit_windows').where('rate_limit_windows.window_start', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
