import { reportAlert, ZAlert } from '../../services/alerts/index.ts';
import { reportAlertProcedure } from './alerts.procedures.ts';
import { ZReportedAlert } from './alerts.schemas.ts';

export const createAlertProcedure = reportAlertProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/alerts',
      tags: ['alerts'],
      summary: 'Report an alert (alerts:write, or an agent key)',
      description:
        'Creates an open alert (201). The alert gets a fingerprint from source, category, title, url, sender, username and hostname: the same report again within an hour of its last sighting, while the alert is not closed, adds an occurrence to it (200, occurrences + 1, worst severity kept) instead of creating a new alert. 400 when title, source or category is blank.',
    },
  })
  .input(ZReportedAlert)
  .output(ZAlert)
  .mutation(async ({ ctx, input }) => {
    const { alert, created } = await reportAlert(ctx.service, input);
    ctx.response.status = created ? 201 : 200;
    return alert;
  });
