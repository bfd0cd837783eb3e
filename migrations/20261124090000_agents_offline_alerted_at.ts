import { type Kysely, sql } from 'kysely';

// Frozen: remembers when an agent's silence was last alerted, so one outage raises one alert.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table agents add column offline_alerted_at timestamptz`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table agents drop column offline_alerted_at`.execute(db);
}
