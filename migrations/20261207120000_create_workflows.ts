import { type Kysely, sql } from 'kysely';

// Frozen: response workflows (playbook runs), their steps, and an append-only run log.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table response_workflows (
      id bigint generated always as identity primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      workflow_id text not null unique check (workflow_id ~ '^wf_[0-9a-z_]{1,40}$'),
      incident_id bigint,
      playbook_name text not null check (char_length(playbook_name) between 1 and 200),
      priority text not null check (priority in ('low', 'medium', 'high', 'critical')),
      status text not null check (status in ('pending', 'awaiting_approval', 'running', 'completed', 'failed', 'cancelled', 'rejected')),
      approval_required boolean not null,
      decided_by text,
      decided_at timestamptz,
      decision_reason text,
      auto_executed boolean not null default false,
      dry_run boolean not null default false,
      cancel_requested boolean not null default false,
      source text not null check (source in ('manual', 'execute', 'trigger')),
      trigger_id bigint,
      created_by text not null,
      created_by_type text not null,
      started_at timestamptz,
      completed_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (org_id, id),
      foreign key (org_id, incident_id) references incidents (org_id, id) on delete set null (incident_id)
    )`.execute(db);
  await sql`create index response_workflows__org_id_created_idx on response_workflows (org_id, id desc)`.execute(db);
  await sql`create index response_workflows__org_id_incident_idx on response_workflows (org_id, incident_id) where incident_id is not null`.execute(db);

  await sql`
    create table workflow_steps (
      id bigint generated always as identity primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      workflow_id bigint not null,
      step_index integer not null check (step_index between 0 and 99),
      action_type text not null,
      parameters jsonb not null default '{}',
      timeout_seconds integer not null check (timeout_seconds between 1 and 86400),
      max_retries integer not null check (max_retries between 0 and 10),
      continue_on_failure boolean not null,
      status text not null default 'pending' check (status in ('pending', 'running', 'completed', 'failed', 'unsupported', 'skipped', 'cancelled')),
      attempts integer not null default 0,
      response_action_id bigint,
      detail text,
      started_at timestamptz,
      finished_at timestamptz,
      unique (workflow_id, step_index),
      foreign key (org_id, workflow_id) references response_workflows (org_id, id) on delete cascade,
      foreign key (org_id, response_action_id) references response_actions (org_id, id) on delete set null (response_action_id)
    )`.execute(db);

  // The run log is evidence: rows are appended, never changed.
  await sql`
    create table workflow_run_log (
      id bigint generated always as identity primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      workflow_id bigint not null,
      step_index integer,
      event text not null,
      detail text,
      actor_id text,
      actor_type text not null,
      at timestamptz not null default now(),
      foreign key (org_id, workflow_id) references response_workflows (org_id, id) on delete cascade
    )`.execute(db);
  await sql`create index workflow_run_log__org_id_workflow_idx on workflow_run_log (org_id, workflow_id, id)`.execute(db);
  await sql`
    create function workflow_run_log_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'workflow_run_log is append-only';
    end $$`.execute(db);
  await sql`create trigger workflow_run_log_no_update before update on workflow_run_log for each row execute function workflow_run_log_is_append_only()`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table workflow_run_log`.execute(db);
  await sql`drop function workflow_run_log_is_append_only`.execute(db);
  await sql`drop table workflow_steps`.execute(db);
  await sql`drop table response_workflows`.execute(db);
}
