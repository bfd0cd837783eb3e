import { type Selectable, sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { NetworkSensors } from '../schema.generated.ts';

export type NetworkSensorRow = Selectable<NetworkSensors>;

export type SensorUpsert = { name: string; kind: string; location: string | null };

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
