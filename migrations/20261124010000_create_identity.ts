import { type Kysely, sql } from 'kysely';

// Frozen: users, sessions (EventSec cookie/bearer), JWT refresh-token families (Mini-XDR), API keys.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('org_id', 'uuid', (col) => col.notNull().references('orgs.id').onDelete('cascade'))
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('full_name', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('password_hash', 'text', (col) => col.notNull())
    .addColumn('must_change_password', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('is_active', 'boolean', (col) => col.notNull().defaultTo(true))
    .addColumn('failed_login_attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('last_login_at', 'timestamptz')
    .addColumn('avatar_url', 'text')
    .addColumn('timezone', 'text', (col) => col.notNull().defaultTo('UTC'))
    .addColumn('team', 'text')
    .addColumn('manager', 'text')
    .addColumn('computer', 'text')
    .addColumn('mobile_phone', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('users__org_id_id_key', ['org_id', 'id'])
    .addCheckConstraint('users__role_check', sql`role in ('viewer', 'analyst', 'soc_lead', 'admin')`)
    .addCheckConstraint('users__email_normalised', sql`email = lower(btrim(email))`)
    .execute();
  // One login identity across organisations: both seed platforms log in with email + password only.
  await db.schema.createIndex('users__email_key').on('users').column('email').unique().execute();
  await db.schema.createIndex('users__org_id_created_at_idx').on('users').columns(['org_id', 'created_at']).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'uuid', (col) => col.notNull())
    .addColumn('user_id', 'uuid', (col) => col.notNull())
    .addColumn('secret_hash', 'bytea', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addForeignKeyConstraint('sessions__user_fk', ['org_id', 'user_id'], 'users', ['org_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('sessions__org_id_user_id_idx').on('sessions').columns(['org_id', 'user_id']).execute();

  await db.schema
    .createTable('token_families')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('org_id', 'uuid', (col) => col.notNull())
    .addColumn('user_id', 'uuid', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_reason', 'text')
    .addForeignKeyConstraint('token_families__user_fk', ['org_id', 'user_id'], 'users', ['org_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('token_families__org_id_user_id_idx').on('token_families').columns(['org_id', 'user_id']).execute();

  await db.schema
    .createTable('refresh_tokens')
    .addColumn('jti', 'uuid', (col) => col.primaryKey())
    .addColumn('family_id', 'uuid', (col) => col.notNull().references('token_families.id').onDelete('cascade'))
    .addColumn('org_id', 'uuid', (col) => col.notNull())
    .addColumn('token_hash', 'bytea', (col) => col.notNull())
    .addColumn('issued_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('refresh_tokens__family_id_idx').on('refresh_tokens').column('family_id').execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('org_id', 'uuid', (col) => col.notNull().references('orgs.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('prefix', 'text', (col) => col.notNull().unique())
    .addColumn('key_hash', 'bytea', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addUniqueConstraint('api_keys__org_id_id_key', ['org_id', 'id'])
    .addCheckConstraint('api_keys__role_check', sql`role in ('viewer', 'analyst', 'soc_lead', 'admin')`)
    .execute();
  await db.schema.createIndex('api_keys__org_id_created_at_idx').on('api_keys').columns(['org_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['api_keys', 'refresh_tokens', 'token_families', 'sessions', 'users']) {
    await db.schema.dropTable(table).execute();
  }
}
