import type { Executor, OrgId } from '../../core/database.ts';
import { selectIncidentsByIds } from '../../db/queries/detection.ts';
import { hasLiveTriggers } from '../../db/repos/workflow-triggers.repo.ts';
import { levelRank } from '../../engines/triggers/index.ts';
import { evaluateTriggersContract } from '../../jobs/contracts.ts';
import { enqueue } from '../../jobs/enqueue.ts';
import type { AppliedPlan } from './apply-plan.ts';
import type { DetectionPlan } from './detection-plan.types.ts';

/** The escalation levels of the incidents a pass will roll up, before it writes; null when no trigger can fire (nothing more is read). */
export type PendingDetectionTriggers = { levelsBefore: Map<number, string> };

export async function prepareDetectionTriggers(trx: Executor, orgId: OrgId, plan: DetectionPlan): Promise<PendingDetectionTriggers | null> {
  if (!(await hasLiveTriggers(trx, orgId))) return null;
  const existing = plan.rollups.flatMap((ref) => (ref.kind === 'existing' ? [ref.id] : []));
  const before = await selectIncidentsByIds(trx, orgId, existing);
  return { levelsBefore: new Map(before.map((row) => [Number(row.id), row.escalation_level])) };
}

/**
 * After the pass wrote, on its transaction: one triggers__evaluate job per incident it created (`created`) or
 * rolled up (`escalated` when its escalation level rose, else `updated`, keyed by the roll-up's updated_at).
 */
export async function queueDetectionTriggers(trx: Executor, orgId: OrgId, pending: PendingDetectionTriggers, applied: AppliedPlan): Promise<void> {
  const created = new Set(applied.createdIncidentIds);
  const rows = await selectIncidentsByIds(trx, orgId, [...new Set([...created, ...pending.levelsBefore.keys()])]);
  for (const row of rows) {
    const id = Number(row.id);
    const before = pending.levelsBefore.get(id);
    const change = created.has(id) ? 'created' : before !== undefined && levelRank(row.escalation_level) > levelRank(before) ? 'escalated' : 'updated';
    const changeKey = change === 'created' ? 'created' : `${change}:${row.updated_at.getTime()}`;
    await enqueue(trx, evaluateTriggersContract, { v: 1, orgId, incidentId: id, change, changeKey });
  }
}
