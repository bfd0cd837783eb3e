import { type Kysely, sql } from 'kysely';

// Frozen: what an incident was promoted from ('alert:<id>', 'network_event:<id>'), unique per organisation so
// promoting the same source twice, even concurrently, yields the one incident.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table incidents add column origin text`.execute(db);
  await sql`create unique index incidents__org_id_origin_key on incidents (org_id, origin) where origin is not null`.execute(db);
  await sql`create index incidents__org_id_src_ip_idx on incidents (org_id, src_ip, created_at desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index incidents__org_id_src_ip_idx`.execute(db);
  await sql`drop index incidents__org_id_origin_key`.execute(db);
  await sql`alter table incidents drop column origin`.execute(db);
}
