import type { Executor, OrgId } from '../../core/database.ts';
import type { Detection } from '../../engines/detection/index.ts';
import { type AppliedPlan, applyDetectionPlan } from './apply-plan.ts';
import { planDetections } from './detection-plan.ts';
import { loadPlanInput } from './load-plan-input.ts';

/**
 * Records a pass's detections in the caller's transaction: reads the alerts and incidents they may
 * extend, plans the writes (see planDetections), and applies the plan, incident roll-ups included.
 */
export async function persistDetectionBatch(
  trx: Executor,
  orgId: OrgId,
  detections: readonly Detection[],
  eventTimes: ReadonlyMap<number, Date>,
): Promise<AppliedPlan> {
  if (detections.length === 0) return { incidentIds: [], created: 0 };
  const input = await loadPlanInput(trx, orgId, detections, eventTimes);
  return applyDetectionPlan(trx, orgId, planDetections(input));
}
