import { z } from 'zod';
import { ALERT_SEVERITIES, ALERT_STATUSES, invalidField, listOrgAlerts, ZAlert } from '../../services/alerts/index.ts';
import { ZIpParam, ZTimeParam } from '../events/network.schemas.ts';
import { orgProcedure } from '../procedures.ts';
import { ZUserId } from './alerts.schemas.ts';

export const listAlertsProcedure = orgProcedure('alerts:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/alerts',
      tags: ['alerts'],
      summary: "The organisation's alert queue, most recently seen first",
      description:
        'Every alert of the organisation, detector-made ones included, whoever owns or holds it (EventSec showed only alerts owned by or assigned to the caller). The total number of matches is in the X-Total-Count header.',
    },
  })
  .input(
    z.object({
      status: z.enum(ALERT_STATUSES).optional(),
      severity: z.enum(ALERT_SEVERITIES).optional(),
      category: z.string().trim().min(1).max(100).optional(),
      assigned_to: z
        .union([ZUserId, z.enum(['me', 'none'])])
        .optional()
        .describe("A user id, 'me', or 'none' for unassigned alerts"),
      src_ip: ZIpParam.optional(),
      incident_id: z.coerce.number().int().positive().optional(),
      since: ZTimeParam.optional().describe('Alerts last seen at or after this time (ISO 8601 or epoch seconds/ms)'),
      until: ZTimeParam.optional().describe('Alerts first seen at or before this time'),
      limit: z.coerce.number().int().min(1).max(500).default(100),
      offset: z.coerce.number().int().min(0).max(100_000).default(0),
    }),
  )
  .output(z.array(ZAlert))
  .query(async ({ ctx, input }) => {
    const service = ctx.service;
    const { limit, offset, assigned_to, src_ip, incident_id, ...filter } = input;
    if (assigned_to === 'me' && service.principal.actorType !== 'user') throw invalidField('assigned_to', "'me' needs a user credential");
    const assignedTo = assigned_to === 'none' ? null : assigned_to === 'me' ? service.principal.actorId : assigned_to;
    const page = await listOrgAlerts(service, { ...filter, assignedTo, srcIp: src_ip, incidentId: incident_id }, { limit, offset });
    ctx.response.headers['x-total-count'] = String(page.total);
    return page.alerts;
  });
