import { type Kysely, sql } from 'kysely';

// Frozen: per-organisation detection settings, the detection cursor, detector health, alerts and
// incidents (one model for both APIs; integer ids as both seed platforms expose them).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table org_settings (
      org_id uuid primary key references orgs(id) on delete cascade,
      detection jsonb not null default '{}'::jsonb,
      auto_contain boolean not null default false,
      updated_at timestamptz not null default now(),
      updated_by text
    )`.execute(db);

  await sql`
    create table detection_cursors (
      org_id uuid primary key references orgs(id) on delete cascade,
      last_event_id bigint not null default 0,
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table detector_health (
      org_id uuid not null references orgs(id) on delete cascade,
      detector text not null,
      last_run_at timestamptz,
      events_scanned bigint not null default 0,
      matches bigint not null default 0,
      errors bigint not null default 0,
      last_error text,
      last_error_at timestamptz,
      primary key (org_id, detector)
    )`.execute(db);

  await sql`
    create table incidents (
      id bigint generated always as identity primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      title text not null,
      description text,
      reason text,
      src_ip inet,
      entity_type text,
      entity_value text,
      threat_category text,
      status text not null default 'open' check (status in ('open', 'investigating', 'contained', 'resolved', 'false_positive')),
      last_action text,
      severity text not null default 'medium' check (severity in ('low', 'medium', 'high', 'critical')),
      escalation_level text not null default 'medium' check (escalation_level in ('low', 'medium', 'high', 'critical')),
      risk_score double precision not null default 0,
      risk_evidence jsonb not null default '[]'::jsonb,
      mitre text[] not null default '{}',
      ml_confidence double precision,
      auto_contained boolean not null default false,
      assigned_to uuid,
      created_by text,
      tags text[] not null default '{}',
      alert_count integer not null default 0,
      event_count integer not null default 0,
      first_seen_at timestamptz,
      last_seen_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (org_id, id)
    )`.execute(db);
  await sql`create index incidents__org_id_created_at_idx on incidents (org_id, created_at desc)`.execute(db);
  await sql`create index incidents__org_id_entity_idx on incidents (org_id, entity_type, entity_value, threat_category, last_seen_at desc)`.execute(db);

  await sql`
    create table alerts (
      id bigint generated always as identity primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      fingerprint text not null,
      source text not null,
      detector text,
      detector_version integer,
      title text not null,
      description text,
      category text not null,
      severity text not null check (severity in ('low', 'medium', 'high', 'critical')),
      status text not null default 'open' check (status in ('open', 'in_progress', 'closed')),
      entity_type text,
      entity_value text,
      src_ip inet,
      hostname text,
      username text,
      url text,
      sender text,
      mitre text[] not null default '{}',
      evidence jsonb not null default '[]'::jsonb,
      occurrences integer not null default 1,
      first_seen_at timestamptz not null,
      last_seen_at timestamptz not null,
      owner_id uuid,
      assigned_to uuid,
      conclusion text,
      incident_id bigint,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (org_id, id),
      foreign key (org_id, incident_id) references incidents (org_id, id) on delete set null (incident_id)
    )`.execute(db);
  await sql`create index alerts__org_id_created_at_idx on alerts (org_id, created_at desc)`.execute(db);
  await sql`create index alerts__org_id_fingerprint_idx on alerts (org_id, fingerprint, last_seen_at desc)`.execute(db);
  await sql`create index alerts__org_id_incident_id_idx on alerts (org_id, incident_id)`.execute(db);

  await sql`
    create table alert_events (
      org_id uuid not null,
      alert_id bigint not null,
      event_id bigint not null,
      occurred_at timestamptz not null,
      primary key (alert_id, event_id),
      foreign key (org_id, alert_id) references alerts (org_id, id) on delete cascade
    )`.execute(db);
  await sql`create index alert_events__org_id_alert_id_idx on alert_events (org_id, alert_id)`.execute(db);

  await sql`
    create table incident_items (
      id bigint generated always as identity primary key,
      org_id uuid not null,
      incident_id bigint not null,
      kind text not null,
      ref_id text not null,
      created_at timestamptz not null default now(),
      unique (incident_id, kind, ref_id),
      foreign key (org_id, incident_id) references incidents (org_id, id) on delete cascade
    )`.execute(db);
  await sql`create index incident_items__org_id_incident_id_idx on incident_items (org_id, incident_id)`.execute(db);

  await sql`
    create table incident_timeline (
      id bigint generated always as identity primary key,
      org_id uuid not null,
      incident_id bigint not null,
      at timestamptz not null default now(),
      actor_type text not null,
      actor_id text,
      kind text not null,
      detail jsonb not null default '{}'::jsonb,
      foreign key (org_id, incident_id) references incidents (org_id, id) on delete cascade
    )`.execute(db);
  await sql`create index incident_timeline__org_id_incident_id_at_idx on incident_timeline (org_id, incident_id, at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['incident_timeline', 'incident_items', 'alert_events', 'alerts', 'incidents', 'detector_health', 'detection_cursors', 'org_settings']) {
    await sql`drop table ${sql.table(table)}`.execute(db);
  }
}
