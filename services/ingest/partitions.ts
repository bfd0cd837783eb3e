import type { Executor } from '../../db/scope.ts';
import { partitionName, unsafeEnsureEventPartition, utcDay } from '../../db/unsafe/event-partitions.ts';

// Partitions this process knows exist; DDL is issued only for a day not seen before.
const known = new Set<string>();

/** Makes sure a daily partition exists for every day the events fall on. */
export async function ensurePartitionsFor(db: Executor, times: readonly Date[]): Promise<void> {
  const days = new Map<string, Date>();
  for (const time of times) {
    const day = utcDay(time);
    const name = partitionName(day);
    if (!known.has(name)) days.set(name, day);
  }
  for (const [name, day] of days) {
    await unsafeEnsureEventPartition(db, day);
    known.add(name);
  }
}

/** After a partition is dropped (retention), forget it so it is recreated if an old event arrives. */
export function forgetPartition(name: string): void {
  known.delete(name);
}
