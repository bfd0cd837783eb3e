import { z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import { type AlertActionName, requestAlertActionTarget } from '../alerts/index.ts';
import { toResponseActionDto, ZResponseAction } from './action.dto.ts';
import { callerActor } from './actor.ts';
import type { ActionType } from './catalogue.ts';
import { dispatchAction } from './dispatch-action.service.ts';
import { actionMessage } from './incident-results.dto.ts';
import { recordActionRequest } from './request-action.service.ts';
import { ACTION_STATUSES } from './transitions.ts';

/** EventSec's alert action → the catalogue action that carries it out. */
export const ALERT_RESPONSE_ACTIONS = {
  block_url: 'block_url',
  unblock_url: 'unblock_url',
  block_sender: 'block_sender',
  unblock_sender: 'unblock_sender',
  revoke_session: 'revoke_session',
  isolate_device: 'isolate_host',
} as const satisfies Record<AlertActionName, ActionType>;

export const ZAlertActionResult = z.object({
  detail: z.string().describe('What happened, in words: done, handed to the agents (they will report), or why it failed or could not be carried out'),
  action_id: z.number().int().describe('The response action id (GET /actions/{action_id})'),
  alert_id: z.number().int(),
  action: z.string().describe("EventSec's name of the alert action (block_url, …, isolate_device)"),
  target: z.string().describe('What it acted on, in the canonical form the enforcement points saw'),
  status: z
    .enum(ACTION_STATUSES)
    .describe(
      'The real lifecycle status: completed (enforced), acknowledged (queued for agents; completed when they report), failed, unsupported (nothing in this organisation can carry it out; detail says why), requested (the durable job will carry it out)',
    ),
  response_action: ZResponseAction,
});
export type AlertActionResult = z.infer<typeof ZAlertActionResult>;

/**
 * Carries out an EventSec alert action: the alert domain locks the alert, resolves the target (the
 * request's, else the alert's own field) and journals the request; the response action is recorded on
 * the same transaction (nothing is journaled for a target the guard rails refuse), then handed to the
 * enforcement points at once, the durable job being the fallback.
 */
export async function executeAlertAction(
  ctx: OrgServiceContext,
  alertId: number,
  action: AlertActionName,
  requestedTarget: string | undefined,
): Promise<AlertActionResult> {
  const type = ALERT_RESPONSE_ACTIONS[action];
  const recorded = await ctx.deps.db.transaction().execute(async (trx) => {
    const { target, param } = await requestAlertActionTarget(trx, ctx, alertId, action, requestedTarget);
    return recordActionRequest(trx, ctx.deps, ctx.orgId, callerActor(ctx), { type, target, targetField: param, alertId, source: 'alert' });
  });
  const outcome = recorded.status === 'requested' ? ((await dispatchAction(ctx.deps, ctx.orgId, recorded.id)) ?? recorded) : recorded;
  return {
    detail: actionMessage(outcome),
    action_id: Number(outcome.id),
    alert_id: alertId,
    action,
    target: outcome.target,
    status: outcome.status as AlertActionResult['status'],
    response_action: toResponseActionDto(outcome),
  };
}
