import { sql } from 'kysely';
import type { Executor } from '../../core/database.ts';

// Partition DDL spans every tenant: it belongs to ingest plumbing and the retention job only.

const PARTITION_PREFIX = 'events_p';

export function partitionName(day: Date): string {
  return `${PARTITION_PREFIX}${day.toISOString().slice(0, 10).replaceAll('-', '')}`;
}

export function utcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/**
 * Creates the daily partition holding `day` unless it exists. Concurrent creators are serialised by
 * an advisory lock, because CREATE TABLE IF NOT EXISTS can still race on the catalogue.
 */
export async function unsafeEnsureEventPartition(db: Executor, day: Date): Promise<void> {
  const name = partitionName(day);
  const from = utcDay(day);
  const to = new Date(from.getTime() + 86_400_000);
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(trx);
    await sql`create table if not exists ${sql.table(name)} partition of events for values from (${sql.lit(from.toISOString())}) to (${sql.lit(to.toISOString())})`.execute(
      trx,
    );
  });
}

export async function unsafeListEventPartitions(db: Executor): Promise<{ name: string; day: Date }[]> {
  const result = await sql<{ name: string }>`
    select c.relname as name from pg_inherits i
    join pg_class c on c.oid = i.inhrelid
    join pg_class p on p.oid = i.inhparent
    where p.relname = 'events' order by c.relname`.execute(db);
  return result.rows.flatMap(({ name }) => {
    const digits = name.slice(PARTITION_PREFIX.length);
    if (!/^\d{8}$/.test(digits)) return [];
    return [{ name, day: new Date(`${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}T00:00:00Z`) }];
  });
}

export async function unsafeDropEventPartition(db: Executor, name: string): Promise<void> {
  if (!name.startsWith(PARTITION_PREFIX)) throw new Error(`Refusing to drop '${name}'`);
  await sql`drop table if exists ${sql.table(name)}`.execute(db);
}
