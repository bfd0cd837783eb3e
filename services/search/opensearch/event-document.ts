import type { IndexableEventRow } from '../../../db/unsafe/search-index.ts';

const SEVERITY_NAMES = ['info', 'low', 'medium', 'high', 'critical'] as const;

/** The daily index an event belongs to, by its stated time (UTC): `<prefix>-YYYY.MM.DD`. */
export function eventIndexName(prefix: string, occurredAt: Date): string {
  const day = occurredAt.toISOString().slice(0, 10).replaceAll('-', '.');
  return `${prefix}-${day}`;
}

/** The day an index name stands for, or null for an index that is not one of ours. */
export function eventIndexDay(prefix: string, index: string): Date | null {
  const match = new RegExp(`^${prefix.replace(/[-_]/g, '\\$&')}-(\\d{4})\\.(\\d{2})\\.(\\d{2})$`).exec(index);
  if (!match) return null;
  const day = new Date(`${match[1]}-${match[2]}-${match[3]}T00:00:00.000Z`);
  return Number.isNaN(day.getTime()) ? null : day;
}

/** The document of an event: its columns under their stored names, absent when null, plus the severity word. */
export function toEventDocument(row: IndexableEventRow): Record<string, unknown> {
  const document: Record<string, unknown> = {
    org_id: row.org_id,
    event_id: row.id,
    occurred_at: row.occurred_at.toISOString(),
    received_at: row.received_at.toISOString(),
    channel: row.channel,
    source_kind: row.source_kind,
    kind: row.kind,
    category: row.category,
    action: row.action,
    outcome: row.outcome,
    severity: row.severity,
    severity_name: SEVERITY_NAMES[row.severity] ?? 'info',
  };
  const optional = {
    src_ip: row.src_ip,
    src_port: row.src_port,
    dst_ip: row.dst_ip,
    dst_port: row.dst_port,
    transport: row.transport,
    host_name: row.host_name,
    user_name: row.user_name,
    process_name: row.process_name,
    process_command_line: row.process_command_line,
    url: row.url,
    file_name: row.file_name,
    file_sha256: row.file_sha256,
    file_md5: row.file_md5,
    sensor_id: row.sensor_id,
    session_id: row.session_id,
    agent_id: row.agent_id,
    device_id: row.device_id,
    message: row.message,
    raw: row.raw,
  };
  for (const [key, value] of Object.entries(optional)) if (value !== null && value !== undefined) document[key] = value;
  // flat_object takes an object only; attributes are always one (the column defaults to {})
  if (row.attributes && typeof row.attributes === 'object' && !Array.isArray(row.attributes) && Object.keys(row.attributes).length > 0)
    document.attributes = row.attributes;
  return document;
}
