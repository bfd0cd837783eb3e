import { sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';

export type IngestErrorInsert = { record_index: number; reason: string; field: string | null; raw_snippet: string | null };

/** One statement for the whole batch of rejects (unnested arrays: no parameter-count limit). */
export async function insertNetworkIngestErrors(
  db: Executor,
  orgId: OrgId,
  sensorId: string,
  requestId: string | null,
  rows: readonly IngestErrorInsert[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into network_ingest_errors (org_id, sensor_id, request_id, record_index, reason, field, raw_snippet)
    select ${orgId}::uuid, ${sensorId}::uuid, ${requestId}::text, * from unnest(
      ${rows.map((row) => row.record_index)}::integer[],
      ${rows.map((row) => row.reason)}::text[],
      ${rows.map((row) => row.field)}::text[],
      ${rows.map((row) => row.raw_snippet)}::text[])`.execute(db);
}

/** Retention for the reject log: it is diagnostics, kept no longer than the events themselves. */
export async function deleteIngestErrorsBefore(db: Executor, before: Date): Promise<number> {
  const result = await db.deleteFrom('network_ingest_errors').where('network_ingest_errors.created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
