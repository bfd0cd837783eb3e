import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { ResponseActions } from '../schema.generated.ts';

export type ResponseActionRow = Selectable<ResponseActions>;
export type NewResponseAction = Omit<Insertable<ResponseActions>, 'id' | 'org_id' | 'created_at' | 'updated_at'>;
export type ResponseActionChange = Omit<Updateable<ResponseActions>, 'id' | 'org_id' | 'created_at' | 'updated_at'>;

export function insertResponseAction(db: Executor, orgId: OrgId, values: NewResponseAction): Promise<ResponseActionRow> {
  return db
    .insertInto('response_actions')
    .values({ ...values, org_id: orgId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findResponseAction(db: Executor, orgId: OrgId, id: number): Promise<ResponseActionRow | undefined> {
  return db.selectFrom('response_actions').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function lockResponseAction(db: Executor, orgId: OrgId, id: number): Promise<ResponseActionRow | undefined> {
  return db.selectFrom('response_actions').selectAll().where('org_id', '=', orgId).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Moves the action only if it is still in one of `from`: the one writer that wins a race does the work. */
export function moveResponseAction(
  db: Executor,
  orgId: OrgId,
  id: number,
  from: readonly string[],
  change: ResponseActionChange & { status: string },
): Promise<ResponseActionRow | undefined> {
  return db
    .updateTable('response_actions')
    .set({ ...change, updated_at: sql`now()` })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .returningAll()
    .executeTakeFirst();
}

export type ResponseActionFilter = { incidentId?: number | undefined; alertId?: number | undefined; targetKind?: string; target?: string };

export function listResponseActions(db: Executor, orgId: OrgId, filter: ResponseActionFilter, limit: number): Promise<ResponseActionRow[]> {
  let query = db.selectFrom('response_actions').selectAll().where('org_id', '=', orgId);
  if (filter.incidentId !== undefined) query = query.where('incident_id', '=', filter.incidentId);
  if (filter.alertId !== undefined) query = query.where('alert_id', '=', filter.alertId);
  if (filter.targetKind !== undefined) query = query.where('target_kind', '=', filter.targetKind);
  if (filter.target !== undefined) query = query.where('target', '=', filter.target);
  return query.orderBy('id', 'desc').limit(limit).execute();
}

/** The newest action of one of `types` on a target, whatever its status. */
export function latestActionOn(db: Executor, orgId: OrgId, types: readonly string[], target: string): Promise<ResponseActionRow | undefined> {
  return db
    .selectFrom('response_actions')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('action_type', 'in', [...types])
    .where('target', '=', target)
    .where('dry_run', '=', false)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Actions requested in the last hour that count against the organisation's budget (dry runs are free). */
export async function countRecentActions(db: Executor, orgId: OrgId): Promise<number> {
  const row = await db
    .selectFrom('response_actions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('org_id', '=', orgId)
    .where('dry_run', '=', false)
    .where('executable', '=', true)
    .where('created_at', '>', sql<Date>`now() - interval '1 hour'`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
