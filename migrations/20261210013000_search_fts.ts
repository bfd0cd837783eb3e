import { type Kysely, sql } from 'kysely';

// Full-text search for /api/nlp/semantic-search: one document function per table (immutable wrappers, since
// array_to_string is only stable, so the GIN expression indexes can use them) and GIN indexes on incidents and
// alerts. Events get no index: the table is partitioned and hot, and the search reads only a bounded recent window.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function search_incident_document(title text, reason text, description text, threat_category text, tags text[])
    returns tsvector language sql immutable parallel safe
    as $$ select to_tsvector('english'::regconfig,
      coalesce(title, '') || ' ' || coalesce(reason, '') || ' ' || coalesce(description, '') || ' ' ||
      coalesce(threat_category, '') || ' ' || coalesce(array_to_string(tags, ' '), '')) $$`.execute(db);
  await sql`
    create function search_alert_document(title text, description text, category text, entity_value text)
    returns tsvector language sql immutable parallel safe
    as $$ select to_tsvector('english'::regconfig,
      coalesce(title, '') || ' ' || coalesce(description, '') || ' ' || coalesce(category, '') || ' ' || coalesce(entity_value, '')) $$`.execute(db);
  await sql`
    create index incidents__fts_idx on incidents
    using gin (search_incident_document(title, reason, description, threat_category, tags))`.execute(db);
  await sql`
    create index alerts__fts_idx on alerts
    using gin (search_alert_document(title, description, category, entity_value))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index alerts__fts_idx`.execute(db);
  await sql`drop index incidents__fts_idx`.execute(db);
  await sql`drop function search_alert_document(text, text, text, text)`.execute(db);
  await sql`drop function search_incident_document(text, text, text, text, text[])`.execute(db);
}
