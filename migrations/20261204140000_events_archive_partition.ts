import { type Kysely, sql } from 'kysely';

// Frozen (ADR 0008, amendment): day partitions only for the recent window; every older event goes to one
// archive partition (the DEFAULT one), pruned by arrival time, so the partition count no longer follows the days
// senders choose. Incident event items carry the event's time, as alert_events does, so reads can prune.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table events_archive partition of events default`.execute(db);
  await sql`create index events_archive__received_at_idx on events_archive (received_at)`.execute(db);
  await sql`alter table incident_items add column occurred_at timestamptz`.execute(db);
  await sql`
    update incident_items set occurred_at = events.occurred_at
    from events
    where incident_items.kind in ('event', 'network_event')
      and events.org_id = incident_items.org_id
      and events.id = case when incident_items.ref_id ~ '^[0-9]{1,18}$' then incident_items.ref_id::bigint end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table incident_items drop column occurred_at`.execute(db);
  await sql`drop table events_archive`.execute(db);
}
