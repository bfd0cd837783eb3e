import { type Kysely, sql } from 'kysely';

// Frozen: users get an integer id for the API. Both seed platforms number users (EventSec's UI runs
// Number(id) on them, Mini-XDR's tokens carry an int user_id); the UUID stays the internal key that
// sessions, token families, assignments and audit entries point to. Existing users are numbered here.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table users add column public_id bigint generated always as identity`.execute(db);
  await sql`alter table users add constraint users__public_id_key unique (public_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table users drop column public_id`.execute(db);
}
