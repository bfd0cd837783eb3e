import { type Kysely, sql } from 'kysely';

// Alert triage: per-alert history (every change, next to the org-wide audit log), escalations (which
// also reassign the alert), and recorded alert actions (block-url, isolate-device, …) that a response
// connector will execute later; their status starts at 'requested' and never claims more than happened.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table alert_history (
      id bigint generated always as identity primary key,
      org_id uuid not null,
      alert_id bigint not null,
      at timestamptz not null default now(),
      actor_type text not null,
      actor_id text,
      kind text not null,
      changes jsonb not null default '{}'::jsonb,
      detail jsonb not null default '{}'::jsonb,
      foreign key (org_id, alert_id) references alerts (org_id, id) on delete cascade
    )`.execute(db);
  await sql`create index alert_history__org_id_alert_id_at_idx on alert_history (org_id, alert_id, at)`.execute(db);

  await sql`
    create table alert_escalations (
      id bigint generated always as identity primary key,
      org_id uuid not null,
      alert_id bigint not null,
      escalated_to uuid not null,
      escalated_by text not null,
      escalated_by_type text not null,
      reason text,
      created_at timestamptz not null default now(),
      foreign key (org_id, alert_id) references alerts (org_id, id) on delete cascade,
      foreign key (org_id, escalated_to) references users (org_id, id) on delete cascade
    )`.execute(db);
  await sql`create index alert_escalations__org_id_alert_id_idx on alert_escalations (org_id, alert_id, created_at)`.execute(db);

  // An action outlives its alert (alert_id becomes null): a requested block is still a request.
  await sql`
    create table alert_actions (
      id bigint generated always as identity primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      alert_id bigint,
      action text not null check (action in ('block_url', 'unblock_url', 'block_sender', 'unblock_sender', 'revoke_session', 'isolate_device')),
      target text not null check (char_length(target) between 1 and 2048),
      requested_by text not null,
      requested_by_type text not null,
      status text not null default 'requested'
        check (status in ('requested', 'dispatched', 'acknowledged', 'completed', 'failed', 'cancelled', 'expired')),
      status_detail text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      foreign key (org_id, alert_id) references alerts (org_id, id) on delete set null (alert_id)
    )`.execute(db);
  await sql`create index alert_actions__org_id_alert_id_idx on alert_actions (org_id, alert_id, created_at)`.execute(db);
  await sql`create index alert_actions__org_id_status_idx on alert_actions (org_id, status, created_at)`.execute(db);

  // GET /alerts orders the organisation's queue by last sighting.
  await sql`create index alerts__org_id_last_seen_at_idx on alerts (org_id, last_seen_at desc, id desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index alerts__org_id_last_seen_at_idx`.execute(db);
  for (const table of ['alert_actions', 'alert_escalations', 'alert_history']) {
    await sql`drop table ${sql.table(table)}`.execute(db);
  }
}
