import { z } from 'zod';
import { listNetworkEvents, ZNetworkEvent } from '../../services/events/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZIpParam, ZPortParam, ZSeverityParam, ZTimeParam } from './network.schemas.ts';

export const listNetworkEventsProcedure = orgProcedure('events:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/network/events',
      tags: ['network'],
      summary: 'Network (Suricata/Zeek) events, newest first (24 h by default, 31 days at most)',
    },
  })
  .input(
    z.object({
      start_time: ZTimeParam.optional(),
      end_time: ZTimeParam.optional(),
      source: z.enum(['suricata', 'zeek']).optional(),
      event_type: z
        .string()
        .trim()
        .regex(/^[a-z0-9_.-]{1,64}$/i, 'must be an event type such as alert, dns, conn')
        .optional(),
      severity: ZSeverityParam.optional(),
      src_ip: ZIpParam.optional(),
      dst_ip: ZIpParam.optional(),
      src_port: ZPortParam.optional(),
      dst_port: ZPortParam.optional(),
      size: z.coerce.number().int().min(1).max(500).default(100),
      offset: z.coerce.number().int().min(0).max(10_000).default(0),
    }),
  )
  .output(z.array(ZNetworkEvent))
  .query(({ ctx, input }) =>
    listNetworkEvents(ctx.service, {
      start: input.start_time,
      end: input.end_time,
      source: input.source,
      eventType: input.event_type,
      severity: input.severity,
      srcIp: input.src_ip,
      dstIp: input.dst_ip,
      srcPort: input.src_port,
      dstPort: input.dst_port,
      size: input.size,
      offset: input.offset,
    }),
  );
