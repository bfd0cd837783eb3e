import { type Kysely, sql } from 'kysely';

const ACTION_STATUSES = `'requested', 'awaiting_approval', 'dispatched', 'acknowledged', 'completed', 'failed', 'expired', 'reverted', 'unsupported', 'cancelled', 'rejected'`;

// Frozen: response actions with their full lifecycle, the organisation's enforcement points, and the
// agent command queue (EventSec's endpoint actions).
export async function up(db: Kysely<any>): Promise<void> {
  // Secrets (an SSH private key, a firewall API token) are sealed with core/secrets, never stored in the clear.
  await sql`
    create table enforcement_points (
      id bigint generated always as identity primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      kind text not null check (kind in ('nftables', 'nftables_ssh', 'webhook')),
      name text not null check (char_length(name) between 1 and 100),
      config jsonb not null default '{}',
      sealed_secret bytea,
      enabled boolean not null default true,
      created_by text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (org_id, id),
      unique (org_id, name)
    )`.execute(db);

  // Guard rails per organisation: ranges never blocked, dry-run for everything, an hourly action budget.
  await sql`
    create table response_settings (
      org_id uuid primary key references orgs(id) on delete cascade,
      protected_ranges text[] not null default '{}',
      dry_run boolean not null default false,
      max_actions_per_hour integer not null default 120 check (max_actions_per_hour between 1 and 100000),
      updated_by text,
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table response_actions (
      id bigint generated always as identity primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      action_type text not null check (action_type ~ '^[a-z][a-z0-9_]{0,63}$'),
      target_kind text not null check (target_kind in ('ip', 'host', 'user', 'url', 'sender', 'none')),
      target text not null check (char_length(target) between 0 and 2048),
      incident_id bigint,
      alert_id bigint,
      params jsonb not null default '{}',
      status text not null default 'requested' check (status in (${sql.raw(ACTION_STATUSES)})),
      status_detail text,
      adapter text,
      adapter_reference text,
      executable boolean not null,
      dry_run boolean not null default false,
      duration_seconds integer check (duration_seconds between 1 and 31536000),
      expires_at timestamptz,
      inverse_of bigint,
      source text not null check (source in ('manual', 'auto_contain', 'workflow', 'alert', 'tracker', 'schedule', 'expiry')),
      requested_by text not null,
      requested_by_type text not null,
      decided_by text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (org_id, id),
      foreign key (org_id, incident_id) references incidents (org_id, id) on delete set null (incident_id),
      foreign key (org_id, alert_id) references alerts (org_id, id) on delete set null (alert_id),
      foreign key (org_id, inverse_of) references response_actions (org_id, id) on delete set null (inverse_of)
    )`.execute(db);
  await sql`create index response_actions__org_id_created_idx on response_actions (org_id, id desc)`.execute(db);
  await sql`create index response_actions__org_id_incident_idx on response_actions (org_id, incident_id, id desc) where incident_id is not null`.execute(db);
  await sql`create index response_actions__org_id_alert_idx on response_actions (org_id, alert_id, id desc) where alert_id is not null`.execute(db);
  await sql`create index response_actions__org_id_target_idx on response_actions (org_id, target_kind, target, id desc)`.execute(db);

  await sql`
    create table response_action_transitions (
      id bigint generated always as identity primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      action_id bigint not null,
      from_status text,
      to_status text not null check (to_status in (${sql.raw(ACTION_STATUSES)})),
      actor_id text,
      actor_type text not null,
      detail text,
      at timestamptz not null default now(),
      foreign key (org_id, action_id) references response_actions (org_id, id) on delete cascade
    )`.execute(db);
  await sql`create index response_action_transitions__org_id_action_idx on response_action_transitions (org_id, action_id, id)`.execute(db);
  await sql`create index response_action_transitions__org_id_at_idx on response_action_transitions (org_id, id desc)`.execute(db);

  // The agent pulls its own pending commands; the linked response action completes when the agent reports.
  await sql`
    create table endpoint_actions (
      id bigint generated always as identity primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      agent_id uuid not null,
      response_action_id bigint,
      action_type text not null check (action_type in ('isolate', 'release', 'reboot', 'command', 'malware_scan', 'triage_scan', 'block_url', 'unblock_url', 'block_sender', 'unblock_sender')),
      parameters jsonb not null default '{}',
      status text not null default 'pending' check (status in ('pending', 'completed', 'failed', 'expired', 'cancelled')),
      output text,
      requested_by text not null,
      requested_by_type text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      completed_at timestamptz,
      unique (org_id, id),
      foreign key (org_id, agent_id) references agents (org_id, id) on delete cascade,
      foreign key (org_id, response_action_id) references response_actions (org_id, id) on delete set null (response_action_id)
    )`.execute(db);
  await sql`create index endpoint_actions__org_id_agent_pending_idx on endpoint_actions (org_id, agent_id, id) where status = 'pending'`.execute(db);
  await sql`create index endpoint_actions__org_id_created_idx on endpoint_actions (org_id, id desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['endpoint_actions', 'response_action_transitions', 'response_actions', 'response_settings', 'enforcement_points']) {
    await sql`drop table ${sql.table(table)}`.execute(db);
  }
}
