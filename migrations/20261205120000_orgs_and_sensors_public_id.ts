import { type Kysely, sql } from 'kysely';

// Frozen: organisations (Mini-XDR's organization.id, user.organization_id) and network sensors (EventSec's
// sensor id, created_sensor_id) get the integer ids the seed APIs expose; the UUIDs stay the internal keys.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table orgs add column public_id bigint generated always as identity`.execute(db);
  await sql`alter table orgs add constraint orgs__public_id_key unique (public_id)`.execute(db);
  await sql`alter table network_sensors add column public_id bigint generated always as identity`.execute(db);
  await sql`alter table network_sensors add constraint network_sensors__public_id_key unique (public_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table network_sensors drop column public_id`.execute(db);
  await sql`alter table orgs drop column public_id`.execute(db);
}
