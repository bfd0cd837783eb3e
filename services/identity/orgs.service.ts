import type { Executor, OrgId } from '../../core/database.ts';
import { findOrg } from '../../db/repos/orgs.repo.ts';

/** A job's payload names an organisation that may have been deleted since it was queued. */
export async function orgExists(db: Executor, orgId: OrgId): Promise<boolean> {
  return (await findOrg(db, orgId)) !== undefined;
}
