import { z } from 'zod';
import { ALERT_ACTIONS, type AlertActionName, requestAlertAction, ZAlertActionResult } from '../../services/alerts/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZAlertId } from './alerts.schemas.ts';

const MAX_TARGET = { url: 2048, sender: 320, username: 255, hostname: 255 } as const;

function targetInput<P extends keyof typeof MAX_TARGET>(param: P) {
  const target = z.string().trim().min(1, 'must not be blank').max(MAX_TARGET[param]).optional();
  return z.object({ alert_id: ZAlertId }).extend({ [param]: target } as Record<P, typeof target>);
}

/**
 * One alert action route. It records the request (status 'requested', 202) and says plainly that
 * nothing executes it yet; EventSec answered "URL … blocked" without blocking anything. Every one is a
 * response action (blocking, revoking, isolating), so it needs response:execute, not alerts:write.
 */
function alertActionProcedure(action: AlertActionName, path: string, summary: string) {
  const { param, field } = ALERT_ACTIONS[action];
  return orgProcedure('response:execute')
    .meta({
      openapi: {
        method: 'POST',
        path: `/alerts/{alert_id}/${path}`,
        tags: ['alerts'],
        summary: `${summary} (recorded as requested; not executed yet)`,
        description: `Records a ${action} request for the response connectors and answers 202 (needs response:execute: soc_lead or admin). No connector executes alert actions yet, so nothing is blocked, revoked or isolated by this call. \`${param}\` is read from the JSON body (EventSec's query-string form \`?${param}=\` is not read yet); without it the alert's own ${field} is used (400 when it has none). A repeat while the same request is still pending returns that request.`,
      },
    })
    .input(targetInput(param))
    .output(ZAlertActionResult)
    .mutation(async ({ ctx, input }) => {
      const result = await requestAlertAction(ctx.service, input.alert_id, action, input[param]);
      ctx.response.status = 202;
      return result;
    });
}

export const blockUrlProcedure = alertActionProcedure('block_url', 'block-url', 'Request blocking the URL');
export const unblockUrlProcedure = alertActionProcedure('unblock_url', 'unblock-url', 'Request unblocking the URL');
export const blockSenderProcedure = alertActionProcedure('block_sender', 'block-sender', 'Request blocking the sender');
export const unblockSenderProcedure = alertActionProcedure('unblock_sender', 'unblock-sender', 'Request unblocking the sender');
export const revokeSessionProcedure = alertActionProcedure('revoke_session', 'revoke-session', "Request revoking the user's sessions");
export const isolateDeviceProcedure = alertActionProcedure('isolate_device', 'isolate-device', 'Request isolating the device');
