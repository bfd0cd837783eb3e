import { type Kysely, sql } from 'kysely';

// Honeypot/sensor devices that sign ingest requests with HMAC, and the nonces they have used.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('devices')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('org_id', 'uuid', (col) => col.notNull().references('orgs.id').onDelete('cascade'))
    // The X-Device-ID header: unique across the platform because it alone names the organisation.
    .addColumn('device_id', 'text', (col) => col.notNull().unique())
    .addColumn('name', 'text', (col) => col.notNull())
    // AES-256-GCM: version byte | IV | auth tag | ciphertext. The key is symmetric, so it cannot be hashed.
    .addColumn('secret_encrypted', 'bytea', (col) => col.notNull())
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('rotated_at', 'timestamptz')
    .addColumn('last_seen_at', 'timestamptz')
    .addColumn('expires_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addUniqueConstraint('devices__org_id_id_key', ['org_id', 'id'])
    .addCheckConstraint('devices__device_id_format', sql`device_id ~ '^[A-Za-z0-9._:-]{3,128}$'`)
    .execute();
  await db.schema.createIndex('devices__org_id_created_at_idx').on('devices').columns(['org_id', 'created_at']).execute();

  await db.schema
    .createTable('device_nonces')
    .addColumn('org_id', 'uuid', (col) => col.notNull())
    .addColumn('device_id', 'uuid', (col) => col.notNull())
    .addColumn('nonce', 'text', (col) => col.notNull())
    .addColumn('seen_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('device_nonces__pkey', ['device_id', 'nonce'])
    .addForeignKeyConstraint('device_nonces__device_fk', ['org_id', 'device_id'], 'devices', ['org_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('device_nonces__seen_at_idx').on('device_nonces').column('seen_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('device_nonces').execute();
  await db.schema.dropTable('devices').execute();
}
