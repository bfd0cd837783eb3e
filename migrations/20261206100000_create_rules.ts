import { type Kysely, sql } from 'kysely';

// Frozen: detection rules as code (issue #10). One table for every kind both seed platforms expose
// (EventSec detection rules, analytic and correlation rules, analytics rules, BIOCs; Sigma imports land as
// analytic or correlation rules), each keeping its documented fields in `body` and its executable source.
// Versions are kept so a replay can diff a draft against what runs. Rule hits feed correlation rules across
// detection batches; replays are background jobs with progress.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table rules (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references orgs(id) on delete cascade,
      public_id bigint generated always as identity unique,
      kind text not null check (kind in ('detection', 'analytic', 'correlation', 'analytics', 'bioc')),
      external_id text,
      title text not null,
      description text,
      severity text not null check (severity in ('informational', 'low', 'medium', 'high', 'critical')),
      enabled boolean not null default true,
      format text not null check (format in ('sigma', 'conditions', 'text')),
      source text not null,
      body jsonb not null default '{}'::jsonb,
      tests jsonb not null default '[]'::jsonb,
      executable boolean not null,
      problems jsonb not null default '[]'::jsonb,
      pack text,
      version integer not null default 1,
      created_by text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (not enabled or executable)
    )`.execute(db);
  await sql`create unique index rules__org_kind_external_id on rules (org_id, kind, external_id) where external_id is not null`.execute(db);
  await sql`create index rules__org_kind on rules (org_id, kind, public_id)`.execute(db);
  await sql`create index rules__org_enabled on rules (org_id) where enabled`.execute(db);

  await sql`
    create table rule_versions (
      rule_id uuid not null references rules(id) on delete cascade,
      org_id uuid not null references orgs(id) on delete cascade,
      version integer not null,
      format text not null,
      source text not null,
      body jsonb not null,
      created_by text,
      created_at timestamptz not null default now(),
      primary key (rule_id, version)
    )`.execute(db);

  await sql`
    create table rule_hits (
      org_id uuid not null references orgs(id) on delete cascade,
      rule_id uuid not null references rules(id) on delete cascade,
      event_id bigint not null,
      occurred_at timestamptz not null,
      fields jsonb not null default '{}'::jsonb,
      primary key (org_id, rule_id, event_id)
    )`.execute(db);
  await sql`create index rule_hits__org_rule_time on rule_hits (org_id, rule_id, occurred_at)`.execute(db);

  await sql`
    create table rule_replays (
      id bigint generated always as identity primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      rule_id uuid not null references rules(id) on delete cascade,
      status text not null default 'queued' check (status in ('queued', 'running', 'completed', 'failed')),
      draft jsonb,
      range_from timestamptz not null,
      range_to timestamptz not null,
      events_total bigint,
      events_scanned bigint not null default 0,
      result jsonb,
      error text,
      requested_by text,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz
    )`.execute(db);
  await sql`create index rule_replays__org_rule on rule_replays (org_id, rule_id, id desc)`.execute(db);

  await sql`alter table alerts add column rule_id uuid references rules(id) on delete set null`.execute(db);
  await sql`alter table alerts add column rule_meta jsonb`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table alerts drop column rule_meta`.execute(db);
  await sql`alter table alerts drop column rule_id`.execute(db);
  await sql`drop table rule_replays`.execute(db);
  await sql`drop table rule_hits`.execute(db);
  await sql`drop table rule_versions`.execute(db);
  await sql`drop table rules`.execute(db);
}
