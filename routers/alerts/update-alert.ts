import { z } from 'zod';
import { ALERT_STATUSES, updateOrgAlert, ZAlert } from '../../services/alerts/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZAlertId, ZUserId } from './alerts.schemas.ts';

export const updateAlertProcedure = orgProcedure('alerts:write')
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/alerts/{alert_id}',
      tags: ['alerts'],
      summary: 'Triage an alert: status, assignee, conclusion',
      description:
        "assigned_to must be an active user of your organisation whose role may work alerts (400 otherwise; null unassigns). Every change is kept in the alert's history (GET /alerts/{alert_id}) and in the audit log.",
    },
  })
  .input(
    z.object({
      alert_id: ZAlertId,
      status: z.enum(ALERT_STATUSES).optional(),
      assigned_to: ZUserId.nullable().optional().describe('User id (integer; the UUID is accepted too); null to unassign'),
      conclusion: z
        .string()
        .trim()
        .max(10_000)
        .nullable()
        .optional()
        .transform((value) => (value === '' ? null : value)),
    }),
  )
  .output(ZAlert)
  .mutation(({ ctx, input }) => {
    const { alert_id, ...update } = input;
    return updateOrgAlert(ctx.service, alert_id, update);
  });
