import { type Kysely, sql } from 'kysely';

// Frozen: agents get an integer id for the API (EventSec's Go agent decodes agent_id as an integer and
// fails on a UUID); the UUID stays the internal key that events and credentials point to. Host names
// stop being unique: a second host with the same name is a second agent, not a key rotation of the first.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table agents add column public_id bigint generated always as identity`.execute(db);
  await sql`alter table agents add constraint agents__public_id_key unique (public_id)`.execute(db);
  await sql`drop index agents__org_id_name_live_key`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create unique index agents__org_id_name_live_key on agents (org_id, lower(name)) where revoked_at is null`.execute(db);
  await sql`alter table agents drop column public_id`.execute(db);
}
