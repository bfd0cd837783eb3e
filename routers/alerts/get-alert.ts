import { z } from 'zod';
import { getOrgAlertDetail, ZAlert, ZAlertAction, ZAlertEscalation, ZAlertEventSummary, ZAlertHistoryEntry } from '../../services/alerts/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZAlertIdParam } from './alerts.schemas.ts';

const ZAlertDetail = ZAlert.extend({
  event_ids: z.array(z.number().int()).describe('Ids of the linked events, most recent first (at most 200)'),
  events_linked: z.number().int().describe('How many events are linked (an alert keeps at most 500)'),
  events: z.array(ZAlertEventSummary).describe('The 50 most recent linked events that are still stored'),
  history: z.array(ZAlertHistoryEntry).describe('The last 100 changes, oldest first'),
  escalations: z.array(ZAlertEscalation),
  actions: z.array(ZAlertAction).describe('Alert actions requested on this alert and their status'),
});

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
  .query(async ({ ctx, input }) => getOrgAlertDetail(ctx.service, input.alert_id));
