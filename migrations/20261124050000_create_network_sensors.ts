import { type Kysely, sql } from 'kysely';

// Frozen: network sensors (Suricata/Zeek collectors), registered on first ingest, and the records they sent that were rejected.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('network_sensors')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('org_id', 'uuid', (col) => col.notNull().references('orgs.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('location', 'text')
    .addColumn('last_seen_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('network_sensors__org_id_name_key', ['org_id', 'name'])
    .addUniqueConstraint('network_sensors__org_id_id_key', ['org_id', 'id'])
    .addCheckConstraint('network_sensors__name_length', sql`char_length(name) between 1 and 200`)
    .execute();

  await db.schema
    .createTable('network_ingest_errors')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('org_id', 'uuid', (col) => col.notNull())
    .addColumn('sensor_id', 'uuid', (col) => col.notNull())
    .addColumn('record_index', 'integer', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('field', 'text')
    .addColumn('raw_snippet', 'text')
    .addColumn('request_id', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    // the composite key keeps an error in its sensor's organisation
    .addForeignKeyConstraint('network_ingest_errors__sensor_fk', ['org_id', 'sensor_id'], 'network_sensors', ['org_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addCheckConstraint('network_ingest_errors__snippet_length', sql`char_length(raw_snippet) <= 2048`)
    .execute();
  await db.schema.createIndex('network_ingest_errors__org_id_sensor_id_idx').on('network_ingest_errors').columns(['org_id', 'sensor_id']).execute();
  await db.schema.createIndex('network_ingest_errors__created_at_idx').on('network_ingest_errors').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('network_ingest_errors').execute();
  await db.schema.dropTable('network_sensors').execute();
}
