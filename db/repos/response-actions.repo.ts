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

export type TransitionLog = { to_status: string; actor_id: string | null; actor_type: string; detail: string | null };

/**
 * Moves the action only if it is still in one of `from`, and logs the transition with the status it left, in one
 * statement: the row is locked, changed and its transition written in a single round trip.
 */
export function moveResponseActionLogged(
  db: Executor,
  orgId: OrgId,
  id: number,
  from: readonly string[],
  change: ResponseActionChange & { status: string },
  log: TransitionLog,
): Promise<ResponseActionRow | undefined> {
  return db
    .with('before', (qb) =>
      qb
        .selectFrom('response_actions')
        .select(['id', 'status'])
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .where('status', 'in', [...from])
        .forUpdate(),
    )
    .with('moved', (qb) =>
      qb
        .updateTable('response_actions')
        .from('before')
        .set({ ...change, updated_at: sql`now()` })
        .where('response_actions.org_id', '=', orgId)
        .whereRef('response_actions.id', '=', 'before.id')
        .returningAll('response_actions')
        .returning('before.status as previous_status'),
    )
    .with('logged', (qb) =>
      qb
        .insertInto('response_action_transitions')
        .columns(['org_id', 'action_id', 'from_status', 'to_status', 'actor_id', 'actor_type', 'detail'])
        .expression((eb) =>
          eb
            .selectFrom('moved')
            .select([
              'moved.org_id',
              'moved.id',
              'moved.previous_status',
              sql<string>`${log.to_status}::text`.as('to_status'),
              sql<string | null>`${log.actor_id}::text`.as('actor_id'),
              sql<string>`${log.actor_type}::text`.as('actor_type'),
              sql<string | null>`${log.detail}::text`.as('detail'),
            ]),
        ),
    )
    .selectFrom('moved')
    .selectAll()
    .executeTakeFirst() as Promise<ResponseActionRow | undefined>;
}
