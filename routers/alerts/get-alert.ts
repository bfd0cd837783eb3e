import { getOrgAlertDetail, ZAlertDetail } from '../../services/alerts/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZAlertIdParam } from './alerts.schemas.ts';

export const getAlertProcedure = orgProcedure('alerts:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/alerts/{alert_id}',
      tags: ['alerts'],
      summary: 'One alert of your organisation, with its evidence, history, escalations and requested actions',
    },
  })
  .input(ZAlertIdParam)
  .output(ZAlertDetail)
  .query(({ ctx, input }) => getOrgAlertDetail(ctx.service, input.alert_id));
