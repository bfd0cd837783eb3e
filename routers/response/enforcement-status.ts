import { z } from 'zod';
import { incidentHost, incidentIp, loadIncident, readEnforcement, ZEnforcementReading } from '../../services/response/index.ts';
import { orgProcedure } from '../procedures.ts';
import { bothPrefixes, ZIncidentId } from './incident-action-paths.ts';

const ZBlockStatus = ZEnforcementReading.extend({ ip: z.string(), is_blocked: z.boolean() });
const ZIsolationStatus = ZEnforcementReading.extend({ hostname: z.string(), is_isolated: z.boolean() });

export const blockStatusProcedures = bothPrefixes('blockStatus', (prefix) =>
  orgProcedure('incidents:read')
    .meta({
      openapi: {
        method: 'GET',
        path: `${prefix}/{id}/block-status`,
        tags: ['response'],
        summary: 'Is the incident’s source IP blocked? Read from the firewalls themselves',
        description:
          'Each configured firewall is read back (the nftables set, the firewall API); Vigil’s own latest action is shown beside it as last_action, never in its place.',
      },
    })
    .input(z.object({ id: ZIncidentId }))
    .output(ZBlockStatus)
    .query(async ({ ctx, input }) => {
      const ip = incidentIp(await loadIncident(ctx.service, input.id));
      const reading = await readEnforcement(ctx.service, 'block_ip', { kind: 'ip', value: ip }, ['block_ip', 'unblock_ip']);
      return { ...reading, ip, is_blocked: reading.enforced };
    }),
);

export const isolationStatusProcedures = bothPrefixes('isolationStatus', (prefix) =>
  orgProcedure('incidents:read')
    .meta({
      openapi: {
        method: 'GET',
        path: `${prefix}/{id}/isolation-status`,
        tags: ['response'],
        summary: 'Is the incident’s host isolated? Read from its agent’s own reports',
        description: '`?hostname=` names the host when the incident’s entity is not one.',
      },
    })
    .input(z.object({ id: ZIncidentId, hostname: z.string().trim().min(1).max(255).optional() }))
    .output(ZIsolationStatus)
    .query(async ({ ctx, input }) => {
      const hostname = incidentHost(await loadIncident(ctx.service, input.id), input.hostname);
      const reading = await readEnforcement(ctx.service, 'isolate_host', { kind: 'host', value: hostname }, ['isolate_host', 'un_isolate_host']);
      return { ...reading, hostname, is_isolated: reading.enforced };
    }),
);
