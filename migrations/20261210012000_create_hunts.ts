import { type Kysely, sql } from 'kysely';

// Frozen: saved hunts (issue #12). A hunt is a KQL query with a lookback (seconds, 1 minute to 30 days); with a schedule it becomes a detection:
// search__run_due_hunts claims the hunts whose next_run_at has passed (FOR UPDATE SKIP LOCKED), advances next_run_at
// and queues one search__run_hunt per hunt in the same transaction. hunt_runs records every run (now or scheduled);
// hunt_alerted_rows is the per-hunt ledger of result rows already raised, so overlapping windows alert on new rows only.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table hunts (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references orgs(id) on delete cascade,
      public_id bigint generated always as identity unique,
      name text not null check (char_length(name) between 1 and 200),
      description text check (char_length(description) <= 4000),
      query text not null check (char_length(query) between 1 and 20000),
      lookback_seconds integer not null default 86400 check (lookback_seconds between 60 and 2592000),
      schedule_seconds integer check (schedule_seconds between 300 and 1209600),
      severity text not null default 'medium' check (severity in ('low', 'medium', 'high', 'critical')),
      mitre text[] not null default '{}',
      enabled boolean not null default true,
      created_by text,
      updated_by text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      last_run_at timestamptz,
      next_run_at timestamptz,
      unique (org_id, id),
      unique (org_id, name),
      check ((next_run_at is not null) = (enabled and schedule_seconds is not null))
    )`.execute(db);
  await sql`create index hunts__org_public_id on hunts (org_id, public_id)`.execute(db);
  await sql`create index hunts__due on hunts (next_run_at) where next_run_at is not null`.execute(db);

  await sql`
    create table hunt_runs (
      id bigint generated always as identity primary key,
      org_id uuid not null,
      hunt_id uuid not null,
      triggered_by text not null check (triggered_by in ('user', 'schedule')),
      actor text,
      status text not null check (status in ('ok', 'error')),
      started_at timestamptz not null,
      finished_at timestamptz not null default now(),
      window_start timestamptz not null,
      window_end timestamptz not null,
      row_count integer not null default 0,
      new_row_count integer,
      truncated boolean not null default false,
      took_ms integer,
      error_type text,
      error_message text check (char_length(error_message) <= 4000),
      alert_id bigint,
      foreign key (org_id, hunt_id) references hunts (org_id, id) on delete cascade,
      foreign key (org_id, alert_id) references alerts (org_id, id) on delete set null (alert_id),
      check ((status = 'error') = (error_type is not null))
    )`.execute(db);
  await sql`create index hunt_runs__org_hunt on hunt_runs (org_id, hunt_id, id desc)`.execute(db);

  await sql`
    create table hunt_alerted_rows (
      org_id uuid not null,
      hunt_id uuid not null,
      row_key text not null check (char_length(row_key) between 1 and 100),
      alert_id bigint,
      alerted_at timestamptz not null default now(),
      primary key (hunt_id, row_key),
      foreign key (org_id, hunt_id) references hunts (org_id, id) on delete cascade,
      foreign key (org_id, alert_id) references alerts (org_id, id) on delete set null (alert_id)
    )`.execute(db);
  await sql`create index hunt_alerted_rows__alerted_at on hunt_alerted_rows (hunt_id, alerted_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table hunt_alerted_rows`.execute(db);
  await sql`drop table hunt_runs`.execute(db);
  await sql`drop table hunts`.execute(db);
}
