import type { RawBuilder } from 'kysely';
import type { Database } from '../../core/database.ts';

/**
 * Runs one compiled KQL statement on the search connections (`deps.searchDb`): read-only, UTC as the session zone (KQL
 * datetimes are UTC; text without a zone is read as UTC) and the KQL statement timeout, all set per session. The
 * statement carries its organisation filter.
 */
export async function runReadOnlyStatement<Row>(searchDb: Database, statement: RawBuilder<Row>): Promise<Row[]> {
  return (await statement.execute(searchDb)).rows;
}
