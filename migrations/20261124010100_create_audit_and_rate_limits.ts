import { type Kysely, sql } from 'kysely';

// Frozen: the append-only audit log, and fixed-window counters shared by every API process.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    // Null only for events that belong to no organisation (a failed login for an unknown email).
    .addColumn('org_id', 'uuid', (col) => col.references('orgs.id').onDelete('cascade'))
    .addColumn('actor_type', 'text', (col) => col.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('outcome', 'text', (col) => col.notNull().defaultTo('success'))
    .addColumn('request_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('details', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('audit_log__org_id_created_at_idx').on('audit_log').columns(['org_id', 'created_at']).execute();
  await sql`
    create function audit_log_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only';
    end $$`.execute(db);
  await sql`create trigger audit_log__no_update before update on audit_log for each row execute function audit_log_is_append_only()`.execute(db);

  await db.schema
    .createTable('rate_limit_windows')
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('window_start', 'timestamptz', (col) => col.notNull())
    .addColumn('hits', 'integer', (col) => col.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('rate_limit_windows__pkey', ['key', 'window_start'])
    .execute();
  await db.schema.createIndex('rate_limit_windows__window_start_idx').on('rate_limit_windows').column('window_start').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limit_windows').execute();
  await db.schema.dropTable('audit_log').execute();
  await sql`drop function audit_log_is_append_only()`.execute(db);
}
