import { type Kysely, sql } from 'kysely';

// Frozen: webhooks (issue #11 part 6). Subscriptions carry an integer id for Mini-XDR's /subscriptions/{webhook_id}
// and their signing secret encrypted (AES-256-GCM, like device keys). Deliveries are the outbox, written in the
// transaction of the change that caused them, and the delivery log: one row per event and subscription, its attempts
// in attempt_log.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table webhook_subscriptions (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references orgs(id) on delete cascade,
      public_id bigint generated always as identity unique,
      url text not null check (url ~ '^https?://' and length(url) <= 2048),
      name text,
      description text,
      event_types text[] not null check (cardinality(event_types) > 0),
      secret_encrypted bytea not null,
      enabled boolean not null default true,
      disabled_reason text,
      disabled_at timestamptz,
      consecutive_failures integer not null default 0,
      delivery_success_count bigint not null default 0,
      delivery_failure_count bigint not null default 0,
      last_triggered_at timestamptz,
      created_by text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (org_id, id),
      check (enabled or disabled_reason is not null)
    )`.execute(db);
  await sql`create index webhook_subscriptions__org on webhook_subscriptions (org_id, public_id)`.execute(db);
  await sql`create index webhook_subscriptions__org_enabled on webhook_subscriptions (org_id) where enabled`.execute(db);

  await sql`
    create table webhook_deliveries (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null,
      subscription_id uuid not null,
      event_type text not null,
      event_id uuid not null,
      payload jsonb not null,
      status text not null default 'pending' check (status in ('pending', 'delivered', 'failed', 'abandoned')),
      attempts integer not null default 0,
      next_attempt_at timestamptz,
      last_attempt_at timestamptz,
      last_status_code integer,
      last_error text,
      attempt_log jsonb not null default '[]'::jsonb,
      delivered_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      foreign key (org_id, subscription_id) references webhook_subscriptions (org_id, id) on delete cascade
    )`.execute(db);
  await sql`create index webhook_deliveries__subscription on webhook_deliveries (org_id, subscription_id, created_at desc)`.execute(db);
  await sql`create index webhook_deliveries__finished on webhook_deliveries (created_at) where status <> 'pending'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table webhook_deliveries`.execute(db);
  await sql`drop table webhook_subscriptions`.execute(db);
}
