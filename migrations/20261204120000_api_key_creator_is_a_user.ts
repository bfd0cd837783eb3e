import { type Kysely, sql } from 'kysely';

// Frozen: an API key answers to the user behind it (ADR 0011). Keys made with another key recorded that
// key's id as their creator; they now name the user at the root of the chain (null: an operator's key).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    with recursive lineage(key_id, creator) as (
      select id, created_by from api_keys
      union all
      select lineage.key_id, parent.created_by from lineage join api_keys parent on parent.id = lineage.creator
    )
    update api_keys
    set created_by = lineage.creator
    from lineage
    where lineage.key_id = api_keys.id
      and lineage.creator is distinct from api_keys.created_by
      and not exists (select 1 from api_keys parent where parent.id = lineage.creator)`.execute(db);
}

// The key-to-key links are not kept: each key still answers to the same user.
export async function down(_db: Kysely<any>): Promise<void> {}
