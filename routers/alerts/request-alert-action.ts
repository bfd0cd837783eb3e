import { z } from 'zod';
import { ALERT_ACTIONS, type AlertActionName } from '../../services/alerts/index.ts';
import { ALERT_RESPONSE_ACTIONS, executeAlertAction, ZAlertActionResult } from '../../services/response/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZAlertId } from './alerts.schemas.ts';

const MAX_TARGET = { url: 2048, sender: 320, username: 255, hostname: 255 } as const;

function targetInput<P extends keyof typeof MAX_TARGET>(param: P) {
  const target = z.string().trim().min(1, 'must not be blank').max(MAX_TARGET[param]).optional();
  return z.object({ alert_id: ZAlertId }).extend({ [param]: target } as Record<P, typeof target>);
}

/** Where each alert action lands, in the route's description. */
const CARRIED_OUT_BY: Readonly<Record<AlertActionName, string>> = {
  block_url:
    "pushes the URL to the block lists of the organisation's live agents (one endpoint action per agent; acknowledged until they all report it, then completed)",
  unblock_url: "removes the URL from the block lists of the organisation's live agents (acknowledged until they all report it, then completed)",
  block_sender: "pushes the sender to the mail block lists of the organisation's live agents (acknowledged until they all report it, then completed)",
  unblock_sender: "removes the sender from the mail block lists of the organisation's live agents (acknowledged until they all report it, then completed)",
  revoke_session:
    'ends every session and refresh token of the Vigil account named by email, integer user id or UUID (completed at once); an account outside Vigil is unsupported, with the reason, as no external identity provider adapter is configured',
  isolate_device:
    'queues isolate for the agent enrolled on the host (acknowledged until it reports, then completed; failed when no agent is enrolled on that host)',
};

/**
 * One alert action route: EventSec's alert actions, carried out by the response domain as the
 * catalogue action ALERT_RESPONSE_ACTIONS names. Every one is a response action (blocking, revoking,
 * isolating), so it needs response:execute, not alerts:write.
 */
function alertActionProcedure(action: AlertActionName, path: string, summary: string) {
  const { param, field } = ALERT_ACTIONS[action];
  const type = ALERT_RESPONSE_ACTIONS[action];
  return orgProcedure('response:execute')
    .meta({
      openapi: {
        method: 'POST',
        path: `/alerts/{alert_id}/${path}`,
        tags: ['alerts'],
        summary,
        description: `Executes the response action ${type} on the alert (needs response:execute: soc_lead or admin): it ${CARRIED_OUT_BY[action]}. \`${param}\` is read from the JSON body or EventSec's query string \`?${param}=\` (the body wins); without it the alert's own ${field} is used (400 when it has none, or when the target is malformed). Answers 200 with the real status in \`status\` and \`response_action.status\`: completed, acknowledged (an agent will report), and also failed or unsupported, with the reason in \`detail\` (EventSec's client shows \`detail\`); 202 only when the action is still waiting for the durable job to carry it out. The organisation's response settings apply (a dry run changes nothing; 429 when the hourly budget is spent). Each call is a new response action, listed in the alert's \`actions\` and in GET /actions; the request is journaled in the alert's history and the audit log (alert.action_requested).`,
      },
    })
    .input(targetInput(param))
    .output(ZAlertActionResult)
    .mutation(async ({ ctx, input }) => {
      const result = await executeAlertAction(ctx.service, input.alert_id, action, input[param]);
      ctx.response.status = result.status === 'requested' || result.status === 'dispatched' ? 202 : 200;
      return result;
    });
}

export const blockUrlProcedure = alertActionProcedure('block_url', 'block-url', "Block the URL on the organisation's agents");
export const unblockUrlProcedure = alertActionProcedure('unblock_url', 'unblock-url', "Unblock the URL on the organisation's agents");
export const blockSenderProcedure = alertActionProcedure('block_sender', 'block-sender', "Block the sender on the organisation's agents");
export const unblockSenderProcedure = alertActionProcedure('unblock_sender', 'unblock-sender', "Unblock the sender on the organisation's agents");
export const revokeSessionProcedure = alertActionProcedure('revoke_session', 'revoke-session', "Revoke the account's sessions");
export const isolateDeviceProcedure = alertActionProcedure('isolate_device', 'isolate-device', 'Isolate the device through its agent');
