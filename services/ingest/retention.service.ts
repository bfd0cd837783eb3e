import type { Executor } from '../../core/database.ts';
import { deleteDeviceNoncesSeenBefore } from '../../db/repos/device-nonces.repo.ts';
import { deleteIngestErrorsBefore } from '../../db/repos/network-ingest-errors.repo.ts';
import { NONCE_RETENTION_SECONDS } from './device-auth.service.ts';

/** The network reject log is kept as long as the events; a device nonce only as long as it could be replayed. */
export async function pruneIngestRecords(db: Executor, horizon: Date, now = new Date()): Promise<{ nonces: number }> {
  await deleteIngestErrorsBefore(db, horizon);
  const nonces = await deleteDeviceNoncesSeenBefore(db, new Date(now.getTime() - NONCE_RETENTION_SECONDS * 1000));
  return { nonces };
}
