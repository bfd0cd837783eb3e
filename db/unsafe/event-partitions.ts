import { sql } from 'kysely';
import type { Executor } from '../../core/database.ts';

// Partition DDL spans every tenant: it belongs to ingest plumbing and the retention job only.

const PARTITION_PREFIX = 'events_p';
const DAY_MS = 86_400_000;

/** The DEFAULT partition of `events`: every event older than the day-partition window (ADR 0008). */
export const ARCHIVE_PARTITION = 'events_archive';

export function partitionName(day: Date): string {
  return `${PARTITION_PREFIX}${day.toISOString().slice(0, 10).replaceAll('-', '')}`;
}

/** Midnight UTC of the instant's day, by arithmetic: Date.UTC would read the years 0000–0099 as 1900–1999. */
export function utcDay(at: Date): Date {
  const ms = at.getTime();
  return new Date(ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS));
}

/** toISOString writes the years 0001–9999 with four digits, which PostgreSQL reads back as written. */
function boundLiteral(at: Date) {
  return sql.lit(at.toISOString());
}

function isPgCode(error: unknown, code: string): boolean {
  return (error as { code?: unknown } | null)?.code === code;
}

/**
 * `ready`: the partition exists (made now or before). `archived`: the archive already holds rows of that day, so
 * PostgreSQL refuses the partition (those rows would belong to it) and the day's events keep going to the archive.
 */
export type EnsuredPartition = 'ready' | 'archived';

/**
 * Creates the daily partition holding `day` unless it exists. Concurrent creators are serialised by
 * an advisory lock, because CREATE TABLE IF NOT EXISTS can still race on the catalogue.
 */
export async function unsafeEnsureEventPartition(db: Executor, day: Date): Promise<EnsuredPartition> {
  const name = partitionName(day);
  const from = utcDay(day);
  const to = new Date(from.getTime() + DAY_MS);
  try {
    await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(trx);
      await sql`create table if not exists ${sql.table(name)} partition of events for values from (${boundLiteral(from)}) to (${boundLiteral(to)})`.execute(
        trx,
      );
    });
    return 'ready';
  } catch (error) {
    // 23514 here: "updated partition constraint for default partition … would be violated by some row"
    if (isPgCode(error, '23514')) return 'archived';
    throw error;
  }
}

/** Recreates the archive partition and its arrival-time index if someone dropped them. */
export async function unsafeEnsureArchivePartition(db: Executor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${ARCHIVE_PARTITION}))`.execute(trx);
    await sql`create table if not exists ${sql.table(ARCHIVE_PARTITION)} partition of events default`.execute(trx);
    await sql`create index if not exists events_archive__received_at_idx on ${sql.table(ARCHIVE_PARTITION)} (received_at)`.execute(trx);
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
    if (!name.startsWith(PARTITION_PREFIX) || !/^\d{8}$/.test(digits)) return [];
    return [{ name, day: new Date(`${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}T00:00:00Z`) }];
  });
}

export async function unsafeDropEventPartition(db: Executor, name: string): Promise<void> {
  if (!name.startsWith(PARTITION_PREFIX)) throw new Error(`Refusing to drop '${name}'`);
  await sql`drop table if exists ${sql.table(name)}`.execute(db);
}

/**
 * Deletes archived events that arrived before `receivedBefore`, `batch` rows per statement so no statement
 * holds its locks for long; returns how many went.
 */
export async function unsafeDeleteArchivedEvents(db: Executor, receivedBefore: Date, batch = 10_000): Promise<number> {
  let deleted = 0;
  for (;;) {
    const result = await sql`
      delete from ${sql.table(ARCHIVE_PARTITION)} where ctid = any(array(
        select ctid from ${sql.table(ARCHIVE_PARTITION)} where received_at < ${receivedBefore} limit ${batch}
      ))`.execute(db);
    const count = Number(result.numAffectedRows ?? 0n);
    deleted += count;
    if (count < batch) return deleted;
  }
}
