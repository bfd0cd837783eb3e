import { z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import { listNetworkEventRows, listNetworkSensorsWithErrors, networkStatsRow } from '../../db/queries/events.ts';
import { getOrgSlug } from '../identity/index.ts';
import { type NetworkEventDto, type NetworkSource, toNetworkEventDto } from './network-event.dto.ts';
import { type NetworkSensorDto, toNetworkSensorDto } from './network-sensor.dto.ts';
import { eventTimePolicy, latestEventTime } from './partitions.ts';
import { absoluteWindow } from './time-window.ts';

export type NetworkEventQuery = {
  start?: Date | undefined;
  end?: Date | undefined;
  source?: NetworkSource | undefined;
  eventType?: string | undefined;
  severity?: number | undefined;
  srcIp?: string | undefined;
  dstIp?: string | undefined;
  srcPort?: number | undefined;
  dstPort?: number | undefined;
  size: number;
  offset: number;
};

/** GET /network/events: newest first inside a bounded window (24 h by default, 31 days at most). */
export async function listNetworkEvents(ctx: OrgServiceContext, query: NetworkEventQuery): Promise<NetworkEventDto[]> {
  const window = absoluteWindow({ start: query.start, end: query.end }, latestEventTime(eventTimePolicy(ctx.deps.config)));
  const sources: NetworkSource[] = query.source ? [query.source] : ['suricata', 'zeek'];
  const rows = await listNetworkEventRows(ctx.deps.db, ctx.orgId, {
    ...window,
    sourceKind: query.source,
    // event types are stored as the action `<source>.<type>` (suricata.alert, zeek.conn)
    actions: query.eventType === undefined ? undefined : sources.map((source) => `${source}.${query.eventType}`),
    severity: query.severity,
    srcIp: query.srcIp,
    dstIp: query.dstIp,
    srcPort: query.srcPort,
    dstPort: query.dstPort,
    limit: query.size,
    offset: query.offset,
  });
  return rows.map(toNetworkEventDto);
}

export const MAX_SENSORS_LISTED = 1000;

/** GET /network/sensors: every sensor with its computed status and its all-time reject count. */
export async function listNetworkSensors(ctx: OrgServiceContext): Promise<NetworkSensorDto[]> {
  const [rows, slug] = await Promise.all([listNetworkSensorsWithErrors(ctx.deps.db, ctx.orgId, MAX_SENSORS_LISTED), getOrgSlug(ctx)]);
  const now = new Date();
  return rows.map((row) => toNetworkSensorDto(row, slug, now));
}

const ZBucket = z.object({ key: z.string(), doc_count: z.number().int() });

export const ZNetworkStats = z.object({
  total_events: z.number().int(),
  events_last_24h: z.number().int(),
  top_signatures: z.array(ZBucket),
  top_destinations: z.array(ZBucket),
  top_severities: z.array(ZBucket).describe('key: severity 0–4 as text'),
});
export type NetworkStats = z.infer<typeof ZNetworkStats>;

/** GET /network/stats: all retained network events, the last 24 h of them, and top-5 lists over all of them. */
export async function networkStats(ctx: OrgServiceContext): Promise<NetworkStats> {
  const now = new Date();
  const latest = latestEventTime(eventTimePolicy(ctx.deps.config), now);
  const row = await networkStatsRow(ctx.deps.db, ctx.orgId, { since24h: new Date(now.getTime() - 24 * 3600_000), latest }, 5);
  return {
    total_events: row.total,
    events_last_24h: row.last24h,
    top_signatures: row.signatures,
    top_destinations: row.destinations,
    top_severities: row.severities,
  };
}
