import { type RawBuilder, sql } from 'kysely';
import type { Database } from '../../core/database.ts';

/**
 * Runs one compiled KQL statement in a read-only transaction with its own statement timeout and UTC as the session
 * zone (KQL datetimes are UTC; text without a zone is read as UTC). The statement carries its organisation filter.
 */
export function runReadOnlyStatement<Row>(db: Database, statement: RawBuilder<Row>, timeoutMs: number): Promise<Row[]> {
  return db
    .transaction()
    .setAccessMode('read only')
    .execute(async (trx) => {
      await sql`select set_config('statement_timeout', ${String(timeoutMs)}, true), set_config('TimeZone', 'UTC', true)`.execute(trx);
      const result = await statement.execute(trx);
      return result.rows;
    });
}
