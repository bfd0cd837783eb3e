import type { Executor } from '../../core/database.ts';
import { unsafeDropEventPartition, unsafeListEventPartitions, utcDay } from '../../db/unsafe/event-partitions.ts';
import { forgetPartition } from './partitions.ts';

/** The first UTC day that retention keeps: everything that ends before it is dropped. */
export function retentionHorizon(retentionDays: number, now = new Date()): Date {
  return utcDay(new Date(now.getTime() - retentionDays * 86_400_000));
}

/** Drops every day partition that ends before the retention horizon; returns the dropped names. */
export async function dropExpiredEventPartitions(db: Executor, retentionDays: number, now = new Date()): Promise<string[]> {
  const horizon = retentionHorizon(retentionDays, now);
  const expired = (await unsafeListEventPartitions(db)).filter((partition) => partition.day.getTime() < horizon.getTime());
  for (const partition of expired) {
    await unsafeDropEventPartition(db, partition.name);
    forgetPartition(partition.name);
  }
  return expired.map((partition) => partition.name);
}
