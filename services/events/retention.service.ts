import type { Executor } from '../../core/database.ts';
import { unsafeDeleteArchivedEvents, unsafeDropEventPartition, unsafeListEventPartitions, utcDay } from '../../db/unsafe/event-partitions.ts';
import { type EventTimePolicy, ensurePartitionsFor, forgetPartition, partitionWindow, retentionHorizon } from './partitions.ts';

const DAY_MS = 86_400_000;

export type EventRetentionResult = {
  /** Day partitions that ended before the retention horizon. */
  expired: string[];
  /** Day partitions more than a day beyond the latest day ingest accepts (made before the future-skew limit existed). */
  beyondWindow: string[];
  /** Archived events (older than the window when they arrived) deleted because they arrived before the horizon. */
  archivedDeleted: number;
};

/**
 * The hourly retention pass over the event store: drops whole day partitions outside the window, deletes archived
 * events by arrival time (an old import stays searchable for the retention period after it arrives), and makes the
 * partitions of today up to the latest accepted day, so their DDL runs here rather than on the ingest path.
 */
export async function applyEventRetention(db: Executor, policy: EventTimePolicy, now = new Date()): Promise<EventRetentionResult> {
  const window = partitionWindow(policy, now);
  const partitions = await unsafeListEventPartitions(db);
  const expired = partitions.filter((partition) => partition.day.getTime() < window.firstDay.getTime());
  // a day of margin: another process whose clock runs a little ahead may just have stored events there
  const beyondWindow = partitions.filter((partition) => partition.day.getTime() > window.lastDay.getTime() + DAY_MS);
  for (const partition of [...expired, ...beyondWindow]) {
    await unsafeDropEventPartition(db, partition.name);
    forgetPartition(partition.name);
  }
  const archivedDeleted = await unsafeDeleteArchivedEvents(db, retentionHorizon(policy.retentionDays, now));
  const upcoming: Date[] = [];
  for (let day = utcDay(now).getTime(); day <= window.lastDay.getTime(); day += DAY_MS) upcoming.push(new Date(day));
  await ensurePartitionsFor(db, upcoming, window);
  return { expired: expired.map((partition) => partition.name), beyondWindow: beyondWindow.map((partition) => partition.name), archivedDeleted };
}
