import { type Kysely, sql } from 'kysely';

// Frozen: per-organisation agent enrolment keys, and enrolled endpoint agents with their hashed keys.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('agent_enrollment_keys')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('org_id', 'uuid', (col) => col.notNull().references('orgs.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('prefix', 'text', (col) => col.notNull().unique())
    .addColumn('key_hash', 'bytea', (col) => col.notNull())
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addUniqueConstraint('agent_enrollment_keys__org_id_id_key', ['org_id', 'id'])
    .execute();
  await db.schema.createIndex('agent_enrollment_keys__org_id_created_at_idx').on('agent_enrollment_keys').columns(['org_id', 'created_at']).execute();

  await db.schema
    .createTable('agents')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('org_id', 'uuid', (col) => col.notNull().references('orgs.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('os', 'text', (col) => col.notNull())
    .addColumn('ip_address', sql`inet`)
    .addColumn('version', 'text')
    .addColumn('tags', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'::text[]`))
    // What the agent last reported; `offline` is derived at read time from last_heartbeat.
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('enrolled'))
    .addColumn('heartbeat_interval_seconds', 'integer', (col) => col.notNull().defaultTo(60).check(sql`heartbeat_interval_seconds between 5 and 86400`))
    // Server clock; last_seen is the agent's own claim, kept as reported.
    .addColumn('last_heartbeat', 'timestamptz')
    .addColumn('last_seen', 'timestamptz')
    .addColumn('last_ip', sql`inet`)
    .addColumn('key_prefix', 'text', (col) => col.notNull().unique())
    .addColumn('key_hash', 'bytea', (col) => col.notNull())
    .addColumn('key_rotated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('enrollment_key_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .addUniqueConstraint('agents__org_id_id_key', ['org_id', 'id'])
    .addForeignKeyConstraint('agents__enrollment_key_fk', ['org_id', 'enrollment_key_id'], 'agent_enrollment_keys', ['org_id', 'id'])
    .execute();
  // One live agent per host name in an organisation: re-enrolling the name rotates its key.
  await sql`create unique index agents__org_id_name_live_key on agents (org_id, lower(name)) where revoked_at is null`.execute(db);
  await db.schema.createIndex('agents__org_id_created_at_idx').on('agents').columns(['org_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('agents').execute();
  await db.schema.dropTable('agent_enrollment_keys').execute();
}
