import { type Kysely, sql } from 'kysely';

// Frozen: conversions KQL makes without failing (`parse_json('not json')` is a string, `todatetime('x')` is null).
// PostgreSQL 15 has no pg_input_is_valid, so a cast that may fail runs in a function that catches the error.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function kql_try_jsonb(value text) returns jsonb
    language plpgsql immutable parallel safe as $$
    begin
      return value::jsonb;
    exception when others then
      return to_jsonb(value);
    end $$`.execute(db);
  await sql`
    create function kql_try_timestamptz(value text) returns timestamptz
    language plpgsql stable parallel safe as $$
    begin
      return value::timestamptz;
    exception when others then
      return null;
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function if exists kql_try_timestamptz(text)`.execute(db);
  await sql`drop function if exists kql_try_jsonb(text)`.execute(db);
}
