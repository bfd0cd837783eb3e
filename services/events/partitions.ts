import type { Executor } from '../../core/database.ts';
import { partitionName, unsafeEnsureEventPartition } from '../../db/unsafe/event-partitions.ts';

const DAY_MS = 86_400_000;

// Partitions this process knows exist; DDL is issued only for a day not seen before.
const known = new Set<string>();

/** Makes sure a daily partition exists for every day the events fall on. */
export async function ensurePartitionsFor(db: Executor, times: readonly Date[]): Promise<void> {
  const days = new Set<number>();
  for (const time of times) days.add(Math.floor(time.getTime() / DAY_MS));
  for (const dayNumber of days) {
    const day = new Date(dayNumber * DAY_MS);
    const name = partitionName(day);
    if (known.has(name)) continue;
    await unsafeEnsureEventPartition(db, day);
    known.add(name);
  }
}

/** After a partition is dropped (retention), forget it so it is recreated if an old event arrives. */
export function forgetPartition(name: string): void {
  known.delete(name);
}
