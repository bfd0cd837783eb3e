import type { EventInsert } from '../../db/repos/events.repo.ts';
import type { NormalizedEvent } from '../../engines/telemetry/index.ts';

export type IngestChannel = 'cowrie' | 'multi' | 'synthetic' | 'events' | 'network' | 'edr' | 'siem' | 'threatmap';
export type Provenance = { channel: IngestChannel; agentId?: string | null; deviceId?: string | null };

/** The engine already made every text storable (engines/telemetry/storable.ts): NUL and lone surrogates are gone. */
function toJson(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

export function toEventRow(event: NormalizedEvent, provenance: Provenance): EventInsert {
  return {
    occurred_at: event.occurredAt,
    channel: provenance.channel,
    source_kind: event.sourceKind,
    kind: event.kind,
    category: event.category,
    action: event.action,
    outcome: event.outcome,
    severity: event.severity,
    src_ip: event.srcIp,
    src_port: event.srcPort,
    dst_ip: event.dstIp,
    dst_port: event.dstPort,
    transport: event.transport,
    host_name: event.hostName,
    user_name: event.userName,
    process_name: event.processName,
    process_command_line: event.processCommandLine,
    url: event.url,
    file_name: event.fileName,
    file_sha256: event.fileSha256,
    file_md5: event.fileMd5,
    sensor_id: event.sensorId,
    session_id: event.sessionId,
    agent_id: provenance.agentId ?? null,
    device_id: provenance.deviceId ?? null,
    message: event.message,
    attributes: toJson(event.attributes),
    raw: event.raw === undefined ? null : toJson(event.raw),
    dedup_key: event.dedupKey,
  };
}
