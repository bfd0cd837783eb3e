import { deleteIngestErrorsBefore } from '../../db/repos/network-sensors.repo.ts';
import { deleteDeviceNoncesSeenBefore } from '../../db/repos/nonces.repo.ts';
import { deleteRateWindowsBefore } from '../../db/repos/rate-limits.repo.ts';
import { deleteExpiredSessions } from '../../db/repos/sessions.repo.ts';
import type { Executor } from '../../db/scope.ts';
import { unsafeDropEventPartition, unsafeListEventPartitions, utcDay } from '../../db/unsafe/event-partitions.ts';
import { NONCE_RETENTION_SECONDS } from '../devices/device-auth.service.ts';
import { forgetPartition } from './partitions.ts';

/** Drops every day partition that ends before the retention horizon (and the reject log of that age); returns the dropped names. */
export async function dropExpiredEventPartitions(db: Executor, retentionDays: number, now = new Date()): Promise<string[]> {
  const horizon = utcDay(new Date(now.getTime() - retentionDays * 86_400_000));
  await deleteIngestErrorsBefore(db, horizon);
  const expired = (await unsafeListEventPartitions(db)).filter((partition) => partition.day.getTime() < horizon.getTime());
  for (const partition of expired) {
    await unsafeDropEventPartition(db, partition.name);
    forgetPartition(partition.name);
  }
  return expired.map((partition) => partition.name);
}

/** Housekeeping that rides on the same daily job: expired sessions, old rate-limit windows and device nonces. */
export async function pruneExpiredCredentialsAndWindows(db: Executor, now = new Date()): Promise<{ sessions: number; windows: number; nonces: number }> {
  const sessions = await deleteExpiredSessions(db);
  const windows = await deleteRateWindowsBefore(db, new Date(now.getTime() - 3600_000));
  const nonces = await deleteDeviceNoncesSeenBefore(db, new Date(now.getTime() - NONCE_RETENTION_SECONDS * 1000));
  return { sessions, windows, nonces };
}
