import type { Executor, OrgId } from '../../core/database.ts';
import { readOrgSettings } from '../../db/repos/org-settings.repo.ts';
import { autoContainContract } from '../../jobs/contracts.ts';
import { enqueue } from '../../jobs/enqueue.ts';

/**
 * With the organisation's auto-containment on, each incident the pass created gets a job that contains it
 * through the same response path an analyst uses (guard rails, enforcement points, lifecycle), on the
 * pass's transaction. Only new incidents: a rolled-up one was already decided on.
 */
export async function queueAutoContain(trx: Executor, orgId: OrgId, createdIncidentIds: readonly number[]): Promise<void> {
  if (createdIncidentIds.length === 0 || !(await readOrgSettings(trx, orgId)).auto_contain) return;
  for (const incidentId of createdIncidentIds) {
    await enqueue(trx, autoContainContract, { v: 1, orgId, incidentId }, { jobKey: `response:auto-contain:${incidentId}`, maxAttempts: 3 });
  }
}
