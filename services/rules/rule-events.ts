import type { RuleEventRow } from '../../db/queries/rules.ts';
import type { RuleEvent } from '../../engines/rules/types.ts';
import { detectSource, parseRecord } from '../../engines/telemetry/index.ts';

/** A stored event as rules read it. */
export function ruleEventOfRow(row: RuleEventRow): RuleEvent {
  return {
    occurredAt: row.occurred_at,
    sourceKind: row.source_kind,
    kind: row.kind,
    category: row.category,
    action: row.action,
    outcome: row.outcome,
    severity: row.severity,
    srcIp: row.src_ip,
    srcPort: row.src_port,
    dstIp: row.dst_ip,
    dstPort: row.dst_port,
    transport: row.transport,
    hostName: row.host_name,
    userName: row.user_name,
    processName: row.process_name,
    processCommandLine: row.process_command_line,
    url: row.url,
    fileName: row.file_name,
    fileSha256: row.file_sha256,
    fileMd5: row.file_md5,
    sensorId: row.sensor_id,
    sessionId: row.session_id,
    message: row.message,
    attributes: (row.attributes ?? {}) as Record<string, unknown>,
    raw: row.raw,
  };
}

/**
 * A raw event (as an agent, sensor or shipper sends it, the Windows evtx-JSON and winlogbeat shapes included)
 * normalised the way ingest normalises it, so a rule test sees what the live detection would see.
 */
export function ruleEventOfRecord(record: unknown, receivedAt: Date): { event: RuleEvent } | { error: string } {
  const result = parseRecord(detectSource(record), record, { receivedAt });
  if (!result.ok) return { error: result.field ? `${result.reason}: ${result.field}` : result.reason };
  return { event: result.event };
}
