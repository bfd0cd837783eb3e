import type { Config } from '../../core/config.ts';
import type { Executor } from '../../core/database.ts';
import { partitionName, unsafeEnsureArchivePartition, unsafeEnsureEventPartition, utcDay } from '../../db/unsafe/event-partitions.ts';

const DAY_MS = 86_400_000;

/** Ingest, reads and retention agree on these two numbers. */
export type EventTimePolicy = { retentionDays: number; maxFutureSkewSeconds: number };

export function eventTimePolicy(config: Config): EventTimePolicy {
  return { retentionDays: config.EVENT_RETENTION_DAYS, maxFutureSkewSeconds: config.EVENT_MAX_FUTURE_SKEW_SECONDS };
}

/**
 * The days that get their own partition: from the retention horizon to the day of the latest time ingest
 * accepts. Everything older goes to the archive partition, so the partition count cannot follow the days a
 * sender picks.
 */
export type PartitionWindow = { firstDay: Date; lastDay: Date };

/** The latest event time ingest accepts at `now`; reads use it as the upper bound of open windows. */
export function latestEventTime(policy: EventTimePolicy, now = new Date()): Date {
  return new Date(now.getTime() + policy.maxFutureSkewSeconds * 1000);
}

/** The first UTC day that retention keeps: everything that ends before it is dropped. */
export function retentionHorizon(retentionDays: number, now = new Date()): Date {
  return utcDay(new Date(now.getTime() - retentionDays * DAY_MS));
}

export function partitionWindow(policy: EventTimePolicy, now = new Date()): PartitionWindow {
  return { firstDay: retentionHorizon(policy.retentionDays, now), lastDay: utcDay(latestEventTime(policy, now)) };
}

const ARCHIVE = 'archive';

// Partitions this process knows exist (day partition names, or ARCHIVE); DDL runs only for one not seen before.
const known = new Set<string>();

function inWindow(day: Date, window: PartitionWindow): boolean {
  return day.getTime() >= window.firstDay.getTime() && day.getTime() <= window.lastDay.getTime();
}

/**
 * Makes sure every event time has somewhere to go: its day partition inside the window, else the archive.
 * A day the archive already holds rows of stays in the archive (see unsafeEnsureEventPartition).
 */
export async function ensurePartitionsFor(db: Executor, times: readonly Date[], window: PartitionWindow): Promise<void> {
  const days = new Map<string, Date>();
  let needsArchive = false;
  for (const time of times) {
    const day = utcDay(time);
    if (inWindow(day, window)) days.set(partitionName(day), day);
    else needsArchive = true;
  }
  for (const [name, day] of days) {
    if (known.has(name)) continue;
    if ((await unsafeEnsureEventPartition(db, day)) === 'archived') needsArchive = true;
    known.add(name);
  }
  if (needsArchive && !known.has(ARCHIVE)) {
    await unsafeEnsureArchivePartition(db);
    known.add(ARCHIVE);
  }
}

function isMissingPartition(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === '23514' && typeof message === 'string' && message.startsWith('no partition of relation');
}

/**
 * Runs `write` (the transaction that inserts events at `times`) after ensuring their partitions. If another
 * process dropped a partition this process remembers (SQLSTATE 23514, no partition found for a row), the cache
 * is forgotten, the partitions are ensured again, and `write` runs once more.
 */
export async function writeIntoPartitions<T>(db: Executor, times: readonly Date[], window: PartitionWindow, write: () => Promise<T>): Promise<T> {
  await ensurePartitionsFor(db, times, window);
  try {
    return await write();
  } catch (error) {
    if (!isMissingPartition(error)) throw error;
    known.clear();
    await ensurePartitionsFor(db, times, window);
    return write();
  }
}

/** After a partition is dropped (retention), forget it so it is recreated if an event of that day arrives. */
export function forgetPartition(name: string): void {
  known.delete(name);
}
