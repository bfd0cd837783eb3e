import type { Executor, OrgId } from '../../core/database.ts';
import type { Detection } from '../../engines/detection/index.ts';
import { type AppliedPlan, applyDetectionPlan } from './apply-plan.ts';
import { queueAutoContain } from './detection-auto-contain.ts';
import { planDetections } from './detection-plan.ts';
import { prepareDetectionTriggers, queueDetectionTriggers } from './detection-triggers.ts';
import { emitDetectionWebhooks, prepareDetectionWebhooks } from './detection-webhooks.ts';
import { loadPlanInput } from './load-plan-input.ts';

/**
 * Records a pass's detections in the caller's transaction: reads the alerts and incidents they may
 * extend, plans the writes (see planDetections), and applies the plan, incident roll-ups included. The
 * webhook events of the new alerts and incidents, and of incidents it escalated, and the triggers' evaluations of
 * the incidents it created or rolled up, are queued on the same transaction.
 */
export async function persistDetectionBatch(
  trx: Executor,
  orgId: OrgId,
  detections: readonly Detection[],
  eventTimes: ReadonlyMap<number, Date>,
): Promise<AppliedPlan> {
  if (detections.length === 0) return { incidentIds: [], created: 0, createdIncidentIds: [], insertedAlertIds: [] };
  const input = await loadPlanInput(trx, orgId, detections, eventTimes);
  const plan = planDetections(input);
  const webhooks = await prepareDetectionWebhooks(trx, orgId, plan);
  const triggers = await prepareDetectionTriggers(trx, orgId, plan);
  const applied = await applyDetectionPlan(trx, orgId, plan);
  if (webhooks) await emitDetectionWebhooks(trx, orgId, webhooks, applied);
  if (triggers) await queueDetectionTriggers(trx, orgId, triggers, applied);
  await queueAutoContain(trx, orgId, applied.createdIncidentIds);
  return applied;
}
