import { z } from 'zod';
import { deleteOrgAlert } from '../../services/alerts/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZAlertIdParam } from './alerts.schemas.ts';

export const deleteAlertProcedure = orgProcedure('alerts:write')
  .meta({
    openapi: {
      method: 'DELETE',
      path: '/alerts/{alert_id}',
      tags: ['alerts'],
      summary: 'Delete an alert (audited; its recorded actions are kept)',
    },
  })
  .input(ZAlertIdParam)
  .output(z.object({ detail: z.string() }))
  .mutation(async ({ ctx, input }) => {
    await deleteOrgAlert(ctx.service, input.alert_id);
    return { detail: `Alert ${input.alert_id} deleted` };
  });
