import { z } from 'zod';
import type { IncidentEventRow } from '../../db/queries/cases.ts';
import { severityWord } from '../events/index.ts';

/** Mini-XDR's compact event (the seed's triggering_events entries). */
export const ZTriggeringEvent = z.object({
  id: z.number().int(),
  ts: z.string(),
  eventid: z.string().describe('Normalised action, e.g. cowrie.login.failed, zeek.conn'),
  src_ip: z.string().nullable(),
  dst_ip: z.string().nullable(),
  dst_port: z.number().int().nullable(),
  message: z.string().nullable(),
});

export const ZDetailedEvent = ZTriggeringEvent.extend({
  channel: z.string().describe('How it arrived: cowrie, multi, network, agent, synthetic, …'),
  source: z.string().describe('Parser: cowrie, suricata, zeek, osquery, …'),
  category: z.string(),
  outcome: z.string(),
  severity: z.string().describe('info, low, medium, high or critical'),
  src_port: z.number().int().nullable(),
  protocol: z.string().nullable(),
  hostname: z.string().nullable(),
  username: z.string().nullable(),
  command: z.string().nullable(),
  url: z.string().nullable(),
  file_sha256: z.string().nullable(),
  session: z.string().nullable(),
  sensor: z.string().nullable(),
  attributes: z.unknown(),
  raw: z.unknown().describe('The record as received (escape before rendering)'),
});

export type TriggeringEventDto = z.infer<typeof ZTriggeringEvent>;
export type DetailedEventDto = z.infer<typeof ZDetailedEvent>;

export function toTriggeringEvent(row: IncidentEventRow): TriggeringEventDto {
  return {
    id: Number(row.id),
    ts: row.occurred_at.toISOString(),
    eventid: row.action,
    src_ip: row.src_ip,
    dst_ip: row.dst_ip,
    dst_port: row.dst_port,
    message: row.message,
  };
}

export function toDetailedEvent(row: IncidentEventRow): DetailedEventDto {
  return {
    ...toTriggeringEvent(row),
    channel: row.channel,
    source: row.source_kind,
    category: row.category,
    outcome: row.outcome,
    severity: severityWord(row.severity),
    src_port: row.src_port,
    protocol: row.transport,
    hostname: row.host_name,
    username: row.user_name,
    command: row.process_command_line,
    url: row.url,
    file_sha256: row.file_sha256,
    session: row.session_id,
    sensor: row.sensor_id,
    attributes: row.attributes,
    raw: row.raw,
  };
}
