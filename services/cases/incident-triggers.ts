import type { Executor, OrgId } from '../../core/database.ts';
import type { IncidentRow } from '../../db/repos/incidents.repo.ts';
import { hasLiveTriggers } from '../../db/repos/workflow-triggers.repo.ts';
import { evaluateTriggersContract } from '../../jobs/contracts.ts';
import { enqueue } from '../../jobs/enqueue.ts';

/**
 * Queues the triggers' evaluation of an incident change on the writer's transaction (it commits with the
 * change), when the organisation has a live trigger. The change key names the change (`created`,
 * `updated:<updated_at ms>`, `escalated:<updated_at ms>`), so a trigger fires at most once for it.
 */
export async function queueTriggerEvaluation(
  trx: Executor,
  orgId: OrgId,
  row: Pick<IncidentRow, 'id' | 'updated_at'>,
  change: 'created' | 'updated' | 'escalated',
): Promise<void> {
  if (!(await hasLiveTriggers(trx, orgId))) return;
  const changeKey = change === 'created' ? 'created' : `${change}:${row.updated_at.getTime()}`;
  await enqueue(trx, evaluateTriggersContract, { v: 1, orgId, incidentId: Number(row.id), change, changeKey });
}
