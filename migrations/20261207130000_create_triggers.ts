import { type Kysely, sql } from 'kysely';

// Frozen: workflow triggers (issue #11, Mini-XDR's /api/triggers). A trigger's conditions are evaluated by the
// triggers__evaluate job when an incident is created, updated or escalated; a match creates a response workflow.
// trigger_fires is the exactly-once ledger: one row per (trigger, incident, change), inserted under the trigger's
// row lock in the transaction that checks the cooldown and the daily limit and creates the workflow.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table workflow_triggers (
      id bigint generated always as identity primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      name text not null check (char_length(name) between 1 and 200),
      description text,
      category text not null check (char_length(category) between 1 and 100),
      enabled boolean not null default true,
      auto_execute boolean not null default false,
      priority text not null default 'medium' check (priority in ('low', 'medium', 'high', 'critical')),
      priority_rank smallint not null generated always as (
        case priority when 'critical' then 3 when 'high' then 2 when 'medium' then 1 else 0 end
      ) stored,
      status text not null default 'active' check (status in ('active', 'paused', 'archived')),
      conditions jsonb not null default '{}'::jsonb,
      expression text check (char_length(expression) <= 2000),
      playbook_name text not null check (char_length(playbook_name) between 1 and 200),
      workflow_steps jsonb not null default '[]'::jsonb,
      cooldown_seconds integer not null default 60 check (cooldown_seconds between 0 and 604800),
      max_triggers_per_day integer not null default 100 check (max_triggers_per_day between 1 and 100000),
      tags text[] not null default '{}',
      trigger_count integer not null default 0,
      success_count integer not null default 0,
      failure_count integer not null default 0,
      avg_response_time_ms double precision not null default 0,
      last_triggered_at timestamptz,
      fires_day date,
      fires_on_day integer not null default 0,
      version integer not null default 1,
      created_by text,
      updated_by text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (org_id, id),
      unique (org_id, name),
      check (status = 'active' or not enabled)
    )`.execute(db);
  await sql`create index workflow_triggers__org_live on workflow_triggers (org_id, priority_rank desc, id) where enabled and status = 'active'`.execute(db);

  await sql`
    create table workflow_trigger_versions (
      org_id uuid not null,
      trigger_id bigint not null,
      version integer not null,
      snapshot jsonb not null,
      changed_by text,
      changed_at timestamptz not null default now(),
      primary key (trigger_id, version),
      foreign key (org_id, trigger_id) references workflow_triggers (org_id, id) on delete cascade
    )`.execute(db);

  await sql`
    create table trigger_fires (
      id bigint generated always as identity primary key,
      org_id uuid not null,
      trigger_id bigint not null,
      incident_id bigint not null,
      change text not null check (change in ('created', 'updated', 'escalated')),
      change_key text not null check (char_length(change_key) between 1 and 100),
      outcome text not null default 'pending' check (outcome in ('pending', 'fired', 'failed', 'cooldown', 'daily_limit')),
      workflow_id bigint,
      detail text,
      response_time_ms double precision,
      fired_at timestamptz not null default now(),
      unique (trigger_id, incident_id, change_key),
      foreign key (org_id, trigger_id) references workflow_triggers (org_id, id) on delete cascade,
      foreign key (org_id, incident_id) references incidents (org_id, id) on delete cascade,
      foreign key (org_id, workflow_id) references response_workflows (org_id, id) on delete set null (workflow_id)
    )`.execute(db);
  await sql`create index trigger_fires__org_trigger on trigger_fires (org_id, trigger_id, fired_at desc)`.execute(db);
  await sql`create index trigger_fires__org_incident on trigger_fires (org_id, incident_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table trigger_fires`.execute(db);
  await sql`drop table workflow_trigger_versions`.execute(db);
  await sql`drop table workflow_triggers`.execute(db);
}
