import type { Selectable } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { WorkflowTriggerVersions } from '../schema.generated.ts';
import type { TriggerRow } from './workflow-triggers.repo.ts';

export type TriggerVersionRow = Selectable<WorkflowTriggerVersions>;

/** The columns a version keeps: the trigger's configuration, not its counters. */
function snapshotOf(trigger: TriggerRow): Record<string, unknown> {
  return {
    name: trigger.name,
    description: trigger.description,
    category: trigger.category,
    enabled: trigger.enabled,
    auto_execute: trigger.auto_execute,
    priority: trigger.priority,
    status: trigger.status,
    conditions: trigger.conditions,
    expression: trigger.expression,
    playbook_name: trigger.playbook_name,
    workflow_steps: trigger.workflow_steps,
    cooldown_seconds: trigger.cooldown_seconds,
    max_triggers_per_day: trigger.max_triggers_per_day,
    tags: trigger.tags,
  };
}

/** Keeps the trigger as it now is under its current version (on create and on every configuration change). */
export async function recordTriggerVersion(db: Executor, orgId: OrgId, trigger: TriggerRow, changedBy: string | null): Promise<void> {
  await db
    .insertInto('workflow_trigger_versions')
    .values({ org_id: orgId, trigger_id: trigger.id, version: trigger.version, snapshot: JSON.stringify(snapshotOf(trigger)), changed_by: changedBy })
    .onConflict((oc) => oc.columns(['trigger_id', 'version']).doNothing())
    .execute();
}

export function listTriggerVersions(db: Executor, orgId: OrgId, triggerId: number): Promise<TriggerVersionRow[]> {
  return db
    .selectFrom('workflow_trigger_versions')
    .selectAll()
    .where('workflow_trigger_versions.org_id', '=', orgId)
    .where('workflow_trigger_versions.trigger_id', '=', triggerId)
    .orderBy('workflow_trigger_versions.version')
    .execute();
}
