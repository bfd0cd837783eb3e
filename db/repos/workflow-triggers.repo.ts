import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { WorkflowTriggers } from '../schema.generated.ts';

export type TriggerRow = Selectable<WorkflowTriggers>;
export type NewTrigger = Omit<
  Insertable<WorkflowTriggers>,
  | 'id'
  | 'org_id'
  | 'priority_rank'
  | 'version'
  | 'trigger_count'
  | 'success_count'
  | 'failure_count'
  | 'avg_response_time_ms'
  | 'last_triggered_at'
  | 'fires_day'
  | 'fires_on_day'
  | 'created_at'
  | 'updated_at'
>;
export type TriggerChange = Omit<
  Updateable<WorkflowTriggers>,
  | 'id'
  | 'org_id'
  | 'priority_rank'
  | 'version'
  | 'trigger_count'
  | 'success_count'
  | 'failure_count'
  | 'avg_response_time_ms'
  | 'last_triggered_at'
  | 'fires_day'
  | 'fires_on_day'
  | 'created_at'
  | 'created_by'
  | 'updated_at'
>;

export const TRIGGER_STATUSES = ['active', 'paused', 'archived'] as const;
export type TriggerStatus = (typeof TRIGGER_STATUSES)[number];

/** At most this many triggers are evaluated for one change (and listed at once). */
export const MAX_TRIGGERS = 500;

export function insertTrigger(db: Executor, orgId: OrgId, trigger: NewTrigger): Promise<TriggerRow> {
  return db
    .insertInto('workflow_triggers')
    .values({ ...trigger, org_id: orgId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Applies a change; `newVersion` bumps the version (the caller snapshots the row after). */
export function updateTrigger(db: Executor, orgId: OrgId, id: number, change: TriggerChange, newVersion: boolean): Promise<TriggerRow | undefined> {
  return db
    .updateTable('workflow_triggers')
    .set({ ...change, updated_at: sql`now()`, ...(newVersion ? { version: sql`version + 1` } : {}) })
    .where('workflow_triggers.org_id', '=', orgId)
    .where('workflow_triggers.id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export function findTrigger(db: Executor, orgId: OrgId, id: number): Promise<TriggerRow | undefined> {
  return db.selectFrom('workflow_triggers').selectAll().where('workflow_triggers.org_id', '=', orgId).where('workflow_triggers.id', '=', id).executeTakeFirst();
}

/** The trigger's row lock: writes to one trigger, and its fires, take turns. */
export function lockTrigger(db: Executor, orgId: OrgId, id: number): Promise<TriggerRow | undefined> {
  return db
    .selectFrom('workflow_triggers')
    .selectAll()
    .where('workflow_triggers.org_id', '=', orgId)
    .where('workflow_triggers.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export function findTriggerByName(db: Executor, orgId: OrgId, name: string): Promise<TriggerRow | undefined> {
  return db
    .selectFrom('workflow_triggers')
    .selectAll()
    .where('workflow_triggers.org_id', '=', orgId)
    .where('workflow_triggers.name', '=', name)
    .executeTakeFirst();
}

export type TriggerFilter = { category?: string | undefined; enabled?: boolean | undefined; status?: TriggerStatus | undefined };

export function listTriggers(db: Executor, orgId: OrgId, filter: TriggerFilter): Promise<TriggerRow[]> {
  let query = db.selectFrom('workflow_triggers').selectAll().where('workflow_triggers.org_id', '=', orgId);
  if (filter.category !== undefined) query = query.where('workflow_triggers.category', '=', filter.category);
  if (filter.enabled !== undefined) query = query.where('workflow_triggers.enabled', '=', filter.enabled);
  if (filter.status !== undefined) query = query.where('workflow_triggers.status', '=', filter.status);
  return query.orderBy('workflow_triggers.priority_rank', 'desc').orderBy('workflow_triggers.id').limit(MAX_TRIGGERS).execute();
}

/** The triggers that fire (enabled and active), highest priority first by rank. */
export function listLiveTriggers(db: Executor, orgId: OrgId): Promise<TriggerRow[]> {
  return db
    .selectFrom('workflow_triggers')
    .selectAll()
    .where('workflow_triggers.org_id', '=', orgId)
    .where('workflow_triggers.enabled', '=', true)
    .where('workflow_triggers.status', '=', 'active')
    .orderBy('workflow_triggers.priority_rank', 'desc')
    .orderBy('workflow_triggers.id')
    .limit(MAX_TRIGGERS)
    .execute();
}

/** Whether any trigger of the organisation can fire: incident writes queue an evaluation only then. */
export async function hasLiveTriggers(db: Executor, orgId: OrgId): Promise<boolean> {
  const row = await db
    .selectFrom('workflow_triggers')
    .select('workflow_triggers.id')
    .where('workflow_triggers.org_id', '=', orgId)
    .where('workflow_triggers.enabled', '=', true)
    .where('workflow_triggers.status', '=', 'active')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteTrigger(db: Executor, orgId: OrgId, id: number): Promise<boolean> {
  const result = await db
    .deleteFrom('workflow_triggers')
    .where('workflow_triggers.org_id', '=', orgId)
    .where('workflow_triggers.id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Sets enabled and status on the organisation's triggers among `ids`; returns the ids that changed. */
export async function setTriggersState(
  db: Executor,
  orgId: OrgId,
  ids: readonly number[],
  state: { enabled: boolean; status: TriggerStatus },
): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .updateTable('workflow_triggers')
    .set({ ...state, updated_at: sql`now()` })
    .where('workflow_triggers.org_id', '=', orgId)
    .where('workflow_triggers.id', 'in', [...ids])
    .returning('workflow_triggers.id')
    .execute();
  return rows.map((row) => Number(row.id));
}

/** Whether the trigger's cooldown and daily limit allow a fire now, read in SQL (the database's clock and UTC day). */
export async function triggerLimits(
  db: Executor,
  orgId: OrgId,
  id: number,
): Promise<{ cooldown_remaining_seconds: number; fires_today: number; max_triggers_per_day: number } | undefined> {
  return db
    .selectFrom('workflow_triggers')
    .select([
      sql<number>`case when last_triggered_at is null then 0
        else greatest(0, ceil(cooldown_seconds - extract(epoch from (now() - last_triggered_at))))::int end`.as('cooldown_remaining_seconds'),
      sql<number>`case when fires_day = (now() at time zone 'utc')::date then fires_on_day else 0 end`.as('fires_today'),
      'max_triggers_per_day',
    ])
    .where('workflow_triggers.org_id', '=', orgId)
    .where('workflow_triggers.id', '=', id)
    .executeTakeFirst();
}

/**
 * Counts one fire on the (locked) trigger: trigger_count, today's count, last_triggered_at; then success
 * (with the response time folded into the EMA, α = 0.3) or failure.
 */
export async function recordTriggerFire(db: Executor, orgId: OrgId, id: number, outcome: { success: boolean; responseTimeMs: number }): Promise<void> {
  const { success, responseTimeMs } = outcome;
  await db
    .updateTable('workflow_triggers')
    .set({
      trigger_count: sql`trigger_count + 1`,
      fires_on_day: sql`case when fires_day = (now() at time zone 'utc')::date then fires_on_day + 1 else 1 end`,
      fires_day: sql`(now() at time zone 'utc')::date`,
      last_triggered_at: sql`now()`,
      ...(success
        ? {
            success_count: sql`success_count + 1`,
            avg_response_time_ms: sql`case when success_count = 0 then ${responseTimeMs}::float8 else 0.3 * ${responseTimeMs}::float8 + 0.7 * avg_response_time_ms end`,
          }
        : { failure_count: sql`failure_count + 1` }),
    })
    .where('workflow_triggers.org_id', '=', orgId)
    .where('workflow_triggers.id', '=', id)
    .execute();
}

export type TriggerStats = {
  total_triggers: number;
  enabled_triggers: number;
  auto_execute_triggers: number;
  total_executions: number;
  total_successes: number;
  total_failures: number;
  avg_success_rate: number;
};

export async function triggerStats(db: Executor, orgId: OrgId): Promise<TriggerStats> {
  const row = await db
    .selectFrom('workflow_triggers')
    .select([
      sql<number>`count(*)::int`.as('total_triggers'),
      sql<number>`count(*) filter (where enabled)::int`.as('enabled_triggers'),
      sql<number>`count(*) filter (where auto_execute)::int`.as('auto_execute_triggers'),
      sql<number>`coalesce(sum(trigger_count), 0)::int`.as('total_executions'),
      sql<number>`coalesce(sum(success_count), 0)::int`.as('total_successes'),
      sql<number>`coalesce(sum(failure_count), 0)::int`.as('total_failures'),
      sql<number>`coalesce(avg(case when trigger_count > 0 then success_count * 100.0 / trigger_count end), 0)::float8`.as('avg_success_rate'),
    ])
    .where('workflow_triggers.org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  return row;
}
