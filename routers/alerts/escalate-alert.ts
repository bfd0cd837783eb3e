import { z } from 'zod';
import { escalateOrgAlert, ZAlertEscalation } from '../../services/alerts/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZAlertId, ZUserId } from './alerts.schemas.ts';

export const escalateAlertProcedure = orgProcedure('alerts:write')
  .meta({
    openapi: {
      method: 'POST',
      path: '/alerts/{alert_id}/escalate',
      tags: ['alerts'],
      summary: 'Escalate an alert: reassigns it to escalated_to and records the escalation',
      description:
        'escalated_to must be an active user of your organisation whose role may work alerts (400 otherwise). Unlike EventSec, the alert is reassigned, so the person it was escalated to can work it. A body alert_id is ignored: the path names the alert.',
    },
  })
  .input(
    z.object({
      alert_id: ZAlertId,
      escalated_to: ZUserId,
      reason: z.string().trim().max(2000).nullable().optional(),
    }),
  )
  .output(ZAlertEscalation)
  .mutation(async ({ ctx, input }) => {
    const escalation = await escalateOrgAlert(ctx.service, input.alert_id, { escalatedTo: input.escalated_to, reason: input.reason || null });
    ctx.response.status = 201;
    return escalation;
  });
