import { sql } from 'kysely';
import type { ServiceDeps } from '../../core/context.ts';
import type { OrgId } from '../../core/database.ts';
import { isAppError } from '../../core/errors.ts';
import { claimTriggerFire, type FireOutcome, settleTriggerFire } from '../../db/repos/trigger-fires.repo.ts';
import { lockTrigger, recordTriggerFire, type TriggerRow, triggerLimits } from '../../db/repos/workflow-triggers.repo.ts';
import { type TriggerFacts, templateParameters, templateValues } from '../../engines/triggers/index.ts';
import { recordWorkflow, type WorkflowStepInput } from '../response/index.ts';
import { storedSteps, type TriggerPriority } from './trigger.dto.ts';

export type IncidentChange = { incidentId: number; change: 'created' | 'updated' | 'escalated'; changeKey: string; changedAt: Date };

/** What one trigger did for one change: fired (workflow made), failed, held back by a limit, or nothing (already done, no longer live). */
export type FireResult = { outcome: FireOutcome | 'already_fired' | 'not_live'; workflowId: string | null };

/** The trigger's steps with their parameters filled in for this incident. */
export function templatedSteps(trigger: TriggerRow, facts: TriggerFacts, at: Date): WorkflowStepInput[] {
  const values = templateValues(facts.incident, { id: trigger.id, name: trigger.name }, at);
  return storedSteps(trigger).map((step) => ({ ...step, parameters: templateParameters(step.parameters ?? {}, values) }));
}

/**
 * Fires a matching trigger for one incident change, exactly once whatever the number of workers: in one
 * transaction, under the trigger's row lock, the (trigger, incident, change) fire row is claimed (a second claim
 * finds it and does nothing), the cooldown and the daily limit are checked against the persisted counters, and the
 * workflow is created on the same transaction. A workflow refused by the response service (an unknown action,
 * a bad parameter) is a failed fire: counted, with its reason, and the job does not retry it.
 */
export function fireTrigger(deps: ServiceDeps, orgId: OrgId, triggerId: number, facts: TriggerFacts, change: IncidentChange): Promise<FireResult> {
  return deps.db.transaction().execute(async (trx) => {
    const trigger = await lockTrigger(trx, orgId, triggerId);
    if (!trigger?.enabled || trigger.status !== 'active') return { outcome: 'not_live', workflowId: null };
    const fireId = await claimTriggerFire(trx, orgId, { triggerId, incidentId: change.incidentId, change: change.change, changeKey: change.changeKey });
    if (fireId === null) return { outcome: 'already_fired', workflowId: null };
    const limits = await triggerLimits(trx, orgId, triggerId);
    if (limits && limits.cooldown_remaining_seconds > 0) {
      await settleTriggerFire(trx, orgId, fireId, { outcome: 'cooldown', detail: `cooldown: ${limits.cooldown_remaining_seconds}s left` });
      return { outcome: 'cooldown', workflowId: null };
    }
    if (limits && limits.fires_today >= limits.max_triggers_per_day) {
      await settleTriggerFire(trx, orgId, fireId, { outcome: 'daily_limit', detail: `daily limit of ${limits.max_triggers_per_day} reached` });
      return { outcome: 'daily_limit', workflowId: null };
    }
    const responseTimeMs = Math.max(0, Date.now() - change.changedAt.getTime());
    await sql`savepoint trigger_fire`.execute(trx);
    try {
      const workflow = await recordWorkflow(
        trx,
        deps,
        orgId,
        { id: null, type: 'system', mayExecute: trigger.auto_execute },
        {
          incidentId: change.incidentId,
          playbookName: trigger.playbook_name,
          steps: templatedSteps(trigger, facts, new Date()),
          autoExecute: trigger.auto_execute,
          priority: trigger.priority as TriggerPriority,
          source: 'trigger',
          triggerId,
        },
      );
      await sql`release savepoint trigger_fire`.execute(trx);
      await settleTriggerFire(trx, orgId, fireId, { outcome: 'fired', workflowId: Number(workflow.id), responseTimeMs });
      await recordTriggerFire(trx, orgId, triggerId, { success: true, responseTimeMs });
      return { outcome: 'fired', workflowId: workflow.workflow_id };
    } catch (error) {
      if (!isAppError(error)) throw error;
      await sql`rollback to savepoint trigger_fire`.execute(trx);
      await settleTriggerFire(trx, orgId, fireId, { outcome: 'failed', detail: error.message.slice(0, 1000) });
      await recordTriggerFire(trx, orgId, triggerId, { success: false, responseTimeMs });
      return { outcome: 'failed', workflowId: null };
    }
  });
}
