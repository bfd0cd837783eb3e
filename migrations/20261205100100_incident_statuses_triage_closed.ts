import { type Kysely, sql } from 'kysely';

// Frozen: the lifecycle keeps EventSec's `triage` and `closed` apart from `investigating` and `resolved`,
// so an EventSec client reads back the status it set (docs/status-vocabularies.md).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table incidents drop constraint incidents_status_check`.execute(db);
  await sql`
    alter table incidents add constraint incidents_status_check
      check (status in ('open', 'triage', 'investigating', 'contained', 'resolved', 'closed', 'false_positive'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update incidents set status = case status when 'triage' then 'investigating' when 'closed' then 'resolved' else status end`.execute(db);
  await sql`alter table incidents drop constraint incidents_status_check`.execute(db);
  await sql`
    alter table incidents add constraint incidents_status_check
      check (status in ('open', 'investigating', 'contained', 'resolved', 'false_positive'))`.execute(db);
}
