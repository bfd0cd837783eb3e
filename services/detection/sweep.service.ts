import type { Database } from '../../core/database.ts';
import { unsafeOrgsWithDetectionBacklog } from '../../db/unsafe/detection-backlog.ts';
import { scheduleDetection } from './schedule.ts';

const MAX_ORGS_PER_SWEEP = 1000;

/** Safety net: every organisation with events its detection cursor has not passed gets a pass queued. Returns how many. */
export async function scheduleDetectionBacklog(db: Database): Promise<number> {
  const orgs = await unsafeOrgsWithDetectionBacklog(db, MAX_ORGS_PER_SWEEP);
  for (const orgId of orgs) await scheduleDetection(db, orgId, 0);
  return orgs.length;
}
