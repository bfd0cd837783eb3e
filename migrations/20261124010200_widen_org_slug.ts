import { type Kysely, sql } from 'kysely';

// Frozen: Mini-XDR documents slugs of up to 100 characters; organisations also get a status.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table orgs drop constraint orgs__slug_format`.execute(db);
  await sql`alter table orgs add constraint orgs__slug_format check (slug ~ '^[a-z0-9]([a-z0-9-]{0,98}[a-z0-9])?$')`.execute(db);
  await db.schema
    .alterTable('orgs')
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('active').check(sql`status in ('active', 'suspended', 'trial')`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('orgs').dropColumn('status').execute();
  await sql`alter table orgs drop constraint orgs__slug_format`.execute(db);
  await sql`alter table orgs add constraint orgs__slug_format check (slug ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$')`.execute(db);
}
