import { type Selectable, sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { NetworkSensors } from '../schema.generated.ts';

export type NetworkSensorRow = Selectable<NetworkSensors>;
export type NetworkSensorWithErrors = NetworkSensorRow & { error_count: number };
export type SensorUpsert = { name: string; kind: string; location: string | null };
export type IngestErrorInsert = { record_index: number; reason: string; field: string | null; raw_snippet: string | null };

/**
 * Registers a sensor on first sight (one per organisation and name); a known one gets the kind it now
 * reports, its location when one is sent, and `last_seen_at` from the database clock, never the sender's.
 */
export async function upsertNetworkSensor(db: Executor, orgId: OrgId, sensor: SensorUpsert): Promise<{ row: NetworkSensorRow; created: boolean }> {
  const result = await db
    .insertInto('network_sensors')
    .values({ org_id: orgId, name: sensor.name, kind: sensor.kind, location: sensor.location })
    .onConflict((conflict) =>
      conflict.columns(['org_id', 'name']).doUpdateSet({
        kind: (eb) => eb.ref('excluded.kind'),
        location: sql`coalesce(excluded.location, network_sensors.location)`,
        last_seen_at: sql`now()`,
        updated_at: sql`now()`,
      }),
    )
    .returningAll()
    // xmax is 0 only on a row this statement inserted
    .returning(sql<boolean>`(xmax = 0)`.as('created'))
    .executeTakeFirstOrThrow();
  const { created, ...row } = result;
  return { row, created };
}

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

/** Every sensor of the organisation with its all-time reject count, from one grouped sub-query. */
export function listNetworkSensorsWithErrors(db: Executor, orgId: OrgId, limit: number): Promise<NetworkSensorWithErrors[]> {
  const errors = db
    .selectFrom('network_ingest_errors')
    .select(['network_ingest_errors.sensor_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('network_ingest_errors.org_id', '=', orgId)
    .groupBy('network_ingest_errors.sensor_id')
    .as('errors');
  return db
    .selectFrom('network_sensors')
    .leftJoin(errors, 'errors.sensor_id', 'network_sensors.id')
    .selectAll('network_sensors')
    .select(sql<number>`coalesce(errors.n, 0)::int`.as('error_count'))
    .where('network_sensors.org_id', '=', orgId)
    .orderBy('network_sensors.name')
    .limit(limit)
    .execute();
}

/** Retention for the reject log: it is diagnostics, kept no longer than the events themselves. */
export async function deleteIngestErrorsBefore(db: Executor, before: Date): Promise<number> {
  const result = await db.deleteFrom('network_ingest_errors').where('network_ingest_errors.created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
