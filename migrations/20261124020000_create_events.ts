import { type Kysely, sql } from 'kysely';

// Frozen: the normalised event store, partitioned by event time (daily partitions made on demand).
// No GIN index on this hot table; searched and detected-on fields are real columns.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table events (
      id bigint generated always as identity,
      org_id uuid not null references orgs(id) on delete cascade,
      occurred_at timestamptz not null,
      received_at timestamptz not null default now(),
      channel text not null,
      source_kind text not null,
      kind text not null,
      category text not null,
      action text not null,
      outcome text not null,
      severity smallint not null check (severity between 0 and 4),
      src_ip inet,
      src_port integer check (src_port between 0 and 65535),
      dst_ip inet,
      dst_port integer check (dst_port between 0 and 65535),
      transport text,
      host_name text,
      user_name text,
      process_name text,
      process_command_line text,
      url text,
      file_name text,
      file_sha256 text,
      file_md5 text,
      sensor_id text,
      session_id text,
      agent_id uuid,
      device_id uuid,
      message text,
      attributes jsonb not null default '{}'::jsonb,
      raw jsonb,
      dedup_key text not null,
      primary key (id, occurred_at),
      unique (org_id, dedup_key, occurred_at)
    ) partition by range (occurred_at)`.execute(db);
  await sql`create index events__org_id_occurred_at_idx on events (org_id, occurred_at desc)`.execute(db);
  await sql`create index events__org_id_src_ip_occurred_at_idx on events (org_id, src_ip, occurred_at desc)`.execute(db);
  await sql`create index events__org_id_id_idx on events (org_id, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table events`.execute(db);
}
