import { type Kysely, sql } from 'kysely';

// The OpenSearch indexing outbox (issue #12 item 6, ADR 0016). A statement-level trigger on `events` writes one outbox
// row per organisation and statement, holding the ids the statement stored (or deleted), in the same transaction as the
// write: whatever path inserts events, a committed event has its outbox row and a rolled-back one has none, with no
// settle delay and no cursor that a late-committing lower id could be passed by. The trigger does nothing until the
// indexer switches `search_index_state.enabled` on (only with SEARCH_BACKEND=opensearch), so the PostgreSQL-only
// deployment pays one read of a one-row table per insert statement.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table search_index_state (
      singleton boolean primary key default true check (singleton),
      enabled boolean not null default false,
      backfill_after_id bigint not null default 0,
      backfill_through_id bigint not null default 0,
      changed_at timestamptz not null default now()
    )`.execute(db);
  await sql`insert into search_index_state default values`.execute(db);

  await sql`
    create table search_outbox (
      id bigint generated always as identity primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      op text not null check (op in ('index', 'delete')),
      event_ids bigint[] not null check (cardinality(event_ids) > 0),
      occurred_ats timestamptz[] not null check (cardinality(occurred_ats) = cardinality(event_ids)),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      last_error text,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index search_outbox__due on search_outbox (next_attempt_at, id)`.execute(db);
  await sql`create index search_outbox__org on search_outbox (org_id)`.execute(db);

  // The job is added only when none is waiting (as detection does), so concurrent ingests never queue on one job row;
  // the per-minute sweep covers a job that started just before this transaction committed.
  await sql`
    create function search_outbox_capture() returns trigger language plpgsql as $$
    begin
      if not exists (select 1 from search_index_state where enabled) then
        return null;
      end if;
      if tg_op = 'INSERT' then
        insert into search_outbox (org_id, op, event_ids, occurred_ats)
          select org_id, 'index', array_agg(id order by id), array_agg(occurred_at order by id) from changed group by org_id;
      else
        -- an organisation being deleted takes its outbox rows with it
        insert into search_outbox (org_id, op, event_ids, occurred_ats)
          select org_id, 'delete', array_agg(id order by id), array_agg(occurred_at order by id) from changed
          where exists (select 1 from orgs where orgs.id = changed.org_id) group by org_id;
      end if;
      if found and not exists (select 1 from graphile_worker.jobs where key = 'search:index' and locked_at is null) then
        perform graphile_worker.add_job('search__index_events', json_build_object('v', 1), run_at => now() + interval '1 second',
          job_key => 'search:index', job_key_mode => 'preserve_run_at');
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger events__search_outbox_insert after insert on events
    referencing new table as changed for each statement execute function search_outbox_capture()`.execute(db);
  await sql`
    create trigger events__search_outbox_delete after delete on events
    referencing old table as changed for each statement execute function search_outbox_capture()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger events__search_outbox_delete on events`.execute(db);
  await sql`drop trigger events__search_outbox_insert on events`.execute(db);
  await sql`drop function search_outbox_capture()`.execute(db);
  await sql`drop table search_outbox`.execute(db);
  await sql`drop table search_index_state`.execute(db);
}
