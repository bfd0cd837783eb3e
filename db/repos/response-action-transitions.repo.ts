import type { Insertable, Selectable } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { ResponseActionTransitions } from '../schema.generated.ts';

export type ResponseActionTransitionRow = Selectable<ResponseActionTransitions>;
export type NewTransition = Omit<Insertable<ResponseActionTransitions>, 'id' | 'org_id' | 'at'>;

export async function insertTransition(db: Executor, orgId: OrgId, values: NewTransition): Promise<void> {
  await db
    .insertInto('response_action_transitions')
    .values({ ...values, org_id: orgId })
    .execute();
}

export function listTransitions(db: Executor, orgId: OrgId, actionIds: readonly number[]): Promise<ResponseActionTransitionRow[]> {
  if (actionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('response_action_transitions')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('action_id', 'in', [...actionIds])
    .orderBy('id')
    .execute();
}

export function listRecentTransitions(
  db: Executor,
  orgId: OrgId,
  limit: number,
): Promise<(ResponseActionTransitionRow & { action_type: string; target: string })[]> {
  return db
    .selectFrom('response_action_transitions as t')
    .innerJoin('response_actions as a', (join) => join.onRef('a.org_id', '=', 't.org_id').onRef('a.id', '=', 't.action_id'))
    .selectAll('t')
    .select(['a.action_type', 'a.target'])
    .where('t.org_id', '=', orgId)
    .orderBy('t.id', 'desc')
    .limit(limit)
    .execute();
}
