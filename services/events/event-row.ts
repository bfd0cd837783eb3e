import type { EventInsert } from '../../db/repos/events.repo.ts';
import type { NormalizedEvent } from '../../engines/telemetry/index.ts';

export type IngestChannel = 'cowrie' | 'multi' | 'synthetic' | 'events' | 'network' | 'edr' | 'siem' | 'threatmap';
export type Provenance = { channel: IngestChannel; agentId?: string | null; deviceId?: string | null };

/** PostgreSQL text cannot hold NUL: visible replacement in columns, a literal `\u0000` escape inside JSON. */
function cleanText(value: string | null): string | null {
  return value === null ? null : value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value;
}

const JSON_NUL = /(?<!\\)((?:\\\\)*)\\u0000/g;

function toJsonb(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.includes('\\u0000') ? text.replace(JSON_NUL, '$1\\\\u0000') : text;
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
    transport: cleanText(event.transport),
    host_name: cleanText(event.hostName),
    user_name: cleanText(event.userName),
    process_name: cleanText(event.processName),
    process_command_line: cleanText(event.processCommandLine),
    url: cleanText(event.url),
    file_name: cleanText(event.fileName),
    file_sha256: cleanText(event.fileSha256),
    file_md5: cleanText(event.fileMd5),
    sensor_id: cleanText(event.sensorId),
    session_id: cleanText(event.sessionId),
    agent_id: provenance.agentId ?? null,
    device_id: provenance.deviceId ?? null,
    message: cleanText(event.message),
    attributes: toJsonb(event.attributes),
    raw: event.raw === undefined ? null : toJsonb(event.raw),
    dedup_key: cleanText(event.dedupKey) ?? event.dedupKey,
  };
}
