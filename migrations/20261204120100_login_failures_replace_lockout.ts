import { type Kysely, sql } from 'kysely';

// Frozen: failed logins counted per (account, source address) instead of one lock per account, so an
// attacker is throttled without locking the owner out (ADR 0011). Rows are keyed by the email as typed
// (normalised), known or not, so the throttle answers alike for unknown accounts.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_failures')
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('source_ip', 'text', (col) => col.notNull())
    .addColumn('failures', 'integer', (col) => col.notNull())
    .addColumn('window_started_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('login_failures__pkey', ['email', 'source_ip'])
    .execute();
  await db.schema.createIndex('login_failures__window_started_at_idx').on('login_failures').column('window_started_at').execute();
  await db.schema.alterTable('users').dropColumn('failed_login_attempts').dropColumn('locked_until').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('failed_login_attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .execute();
  await db.schema.dropTable('login_failures').execute();
}
