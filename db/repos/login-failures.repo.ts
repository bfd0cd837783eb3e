import { sql } from 'kysely';
import type { Executor } from '../../core/database.ts';

export type SourceFailures = { failures: number; retryAfterSeconds: number };

const windowOf = (minutes: number) => sql<Date>`now() - make_interval(mins => ${minutes})`;

/**
 * Counts one more failure of `email` from `sourceIp` in one statement, so parallel guesses cannot slip
 * past the limit; the count stops at `cap`, and a window older than `windowMinutes` starts over. Returns
 * the count and the seconds left in the window.
 */
export async function addSourceFailure(db: Executor, email: string, sourceIp: string, windowMinutes: number, cap: number): Promise<SourceFailures> {
  const expired = sql<boolean>`login_failures.window_started_at <= ${windowOf(windowMinutes)}`;
  const row = await db
    .insertInto('login_failures')
    .values({ email, source_ip: sourceIp, failures: 1 })
    .onConflict((oc) =>
      oc.columns(['email', 'source_ip']).doUpdateSet({
        failures: sql`case when ${expired} then 1 else least(login_failures.failures + 1, ${cap}) end`,
        window_started_at: sql`case when ${expired} then now() else login_failures.window_started_at end`,
      }),
    )
    .returning([
      'failures',
      sql<number>`greatest(1, ceil(extract(epoch from login_failures.window_started_at + make_interval(mins => ${windowMinutes}) - now())))::int`.as(
        'retry_after_seconds',
      ),
    ])
    .executeTakeFirstOrThrow();
  return { failures: row.failures, retryAfterSeconds: row.retry_after_seconds };
}

/** Failures of `email` from every source in the current windows. */
export async function countAccountFailures(db: Executor, email: string, windowMinutes: number): Promise<number> {
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('login_failures.failures'), sql<number>`0`).as('failures'))
    .where('login_failures.email', '=', email)
    .where('login_failures.window_started_at', '>', windowOf(windowMinutes))
    .executeTakeFirstOrThrow();
  return Number(row.failures);
}

export async function clearSourceFailures(db: Executor, email: string, sourceIp: string): Promise<void> {
  await db.deleteFrom('login_failures').where('login_failures.email', '=', email).where('login_failures.source_ip', '=', sourceIp).execute();
}

export async function deleteLoginFailuresBefore(db: Executor, before: Date): Promise<number> {
  const result = await db.deleteFrom('login_failures').where('login_failures.window_started_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
