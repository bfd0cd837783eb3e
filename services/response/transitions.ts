import type { Executor, OrgId } from '../../core/database.ts';
import { insertTransition } from '../../db/repos/response-action-transitions.repo.ts';
import { moveResponseActionLogged, type ResponseActionChange, type ResponseActionRow } from '../../db/repos/response-actions.repo.ts';
import type { Actor } from './actor.ts';

export const ACTION_STATUSES = [
  'requested',
  'awaiting_approval',
  'dispatched',
  'acknowledged',
  'completed',
  'failed',
  'expired',
  'reverted',
  'unsupported',
  'cancelled',
  'rejected',
] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Statuses an action never leaves. */
export const FINAL_STATUSES: readonly ActionStatus[] = ['failed', 'expired', 'reverted', 'unsupported', 'cancelled', 'rejected'];

/**
 * Moves an action from one of `from` to `to` and stores the transition with its actor, in the caller's
 * transaction. Undefined when the action had already left `from` (someone else moved it first).
 */
export async function moveAction(
  trx: Executor,
  orgId: OrgId,
  actionId: number,
  from: readonly ActionStatus[],
  to: ActionStatus,
  actor: Actor,
  detail: string | null,
  change: ResponseActionChange = {},
): Promise<ResponseActionRow | undefined> {
  return moveResponseActionLogged(
    trx,
    orgId,
    actionId,
    from,
    { ...change, status: to, status_detail: detail },
    { to_status: to, actor_id: actor.id, actor_type: actor.type, detail },
  );
}

/** The first transition of a new action. */
export function recordCreation(trx: Executor, orgId: OrgId, action: ResponseActionRow, actor: Actor): Promise<void> {
  return insertTransition(trx, orgId, {
    action_id: action.id,
    from_status: null,
    to_status: action.status,
    actor_id: actor.id,
    actor_type: actor.type,
    detail: action.status_detail,
  });
}
