import type { Selectable } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { TriggerFires } from '../schema.generated.ts';

export type TriggerFireRow = Selectable<TriggerFires>;
export type FireOutcome = 'fired' | 'failed' | 'cooldown' | 'daily_limit';

/**
 * Claims the (trigger, incident, change) fire: the row is inserted unless it exists (a re-run, or another
 * worker that got there first). Returns its id, or null when it was already claimed.
 */
export async function claimTriggerFire(
  db: Executor,
  orgId: OrgId,
  fire: { triggerId: number; incidentId: number; change: string; changeKey: string },
): Promise<number | null> {
  const row = await db
    .insertInto('trigger_fires')
    .values({ org_id: orgId, trigger_id: fire.triggerId, incident_id: fire.incidentId, change: fire.change, change_key: fire.changeKey })
    .onConflict((oc) => oc.columns(['trigger_id', 'incident_id', 'change_key']).doNothing())
    .returning('trigger_fires.id')
    .executeTakeFirst();
  return row ? Number(row.id) : null;
}

export async function settleTriggerFire(
  db: Executor,
  orgId: OrgId,
  fireId: number,
  outcome: { outcome: FireOutcome; workflowId?: number | null; detail?: string | null; responseTimeMs?: number | null },
): Promise<void> {
  await db
    .updateTable('trigger_fires')
    .set({
      outcome: outcome.outcome,
      workflow_id: outcome.workflowId ?? null,
      detail: outcome.detail ?? null,
      response_time_ms: outcome.responseTimeMs ?? null,
    })
    .where('trigger_fires.org_id', '=', orgId)
    .where('trigger_fires.id', '=', fireId)
    .execute();
}

export function listTriggerFires(db: Executor, orgId: OrgId, filter: { triggerId?: number; incidentId?: number }, limit = 100): Promise<TriggerFireRow[]> {
  let query = db.selectFrom('trigger_fires').selectAll().where('trigger_fires.org_id', '=', orgId);
  if (filter.triggerId !== undefined) query = query.where('trigger_fires.trigger_id', '=', filter.triggerId);
  if (filter.incidentId !== undefined) query = query.where('trigger_fires.incident_id', '=', filter.incidentId);
  return query.orderBy('trigger_fires.id', 'desc').limit(limit).execute();
}
