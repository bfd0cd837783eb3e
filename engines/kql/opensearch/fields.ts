import type { ScalarType } from '../ast.ts';

/**
 * How a KQL column of `Events` lives in an OpenSearch event document. `keyword`: exact string (term, prefix, wildcard,
 * regexp); `terms`: the keyword also has a `.terms` subfield tokenised by KQL's term rule (see index-template.ts), so
 * `has` is one phrase query instead of a regexp; `ip`, `long`, `date`: typed; `flat`: a `flat_object` (dynamic bag).
 */
export type DocFieldKind = 'keyword' | 'terms' | 'ip' | 'long' | 'date' | 'flat' | 'stored';

export type DocField = { column: string; field: string; kind: DocFieldKind; type: ScalarType };

const F = (column: string, field: string, kind: DocFieldKind, type: ScalarType): DocField => ({ column, field, kind, type });

/** The columns of `Events` in catalogue order; the same names and types as the PostgreSQL path. */
export const EVENT_FIELDS: readonly DocField[] = [
  F('TimeGenerated', 'occurred_at', 'date', 'datetime'),
  F('ReceivedAt', 'received_at', 'date', 'datetime'),
  F('EventId', 'event_id', 'long', 'long'),
  F('SourceKind', 'source_kind', 'keyword', 'string'),
  F('Channel', 'channel', 'keyword', 'string'),
  F('Kind', 'kind', 'keyword', 'string'),
  F('Category', 'category', 'keyword', 'string'),
  F('Action', 'action', 'keyword', 'string'),
  F('Outcome', 'outcome', 'keyword', 'string'),
  F('Severity', 'severity', 'long', 'long'),
  F('SeverityName', 'severity_name', 'keyword', 'string'),
  F('SrcIp', 'src_ip', 'ip', 'string'),
  F('SrcPort', 'src_port', 'long', 'long'),
  F('DstIp', 'dst_ip', 'ip', 'string'),
  F('DstPort', 'dst_port', 'long', 'long'),
  F('Transport', 'transport', 'keyword', 'string'),
  F('HostName', 'host_name', 'keyword', 'string'),
  F('UserName', 'user_name', 'keyword', 'string'),
  F('ProcessName', 'process_name', 'keyword', 'string'),
  F('ProcessCommandLine', 'process_command_line', 'terms', 'string'),
  F('FileName', 'file_name', 'keyword', 'string'),
  F('FileMd5', 'file_md5', 'keyword', 'string'),
  F('FileSha256', 'file_sha256', 'keyword', 'string'),
  F('Url', 'url', 'terms', 'string'),
  F('Message', 'message', 'terms', 'string'),
  F('SessionId', 'session_id', 'keyword', 'string'),
  F('AgentId', 'agent_id', 'keyword', 'string'),
  F('DeviceId', 'device_id', 'keyword', 'string'),
  F('SensorId', 'sensor_id', 'keyword', 'string'),
  F('Attributes', 'attributes', 'flat', 'dynamic'),
  F('Raw', 'raw', 'stored', 'dynamic'),
];

/** The only table the event indices hold. */
export const EVENTS_TABLE = 'Events';

/** Tables the PostgreSQL path serves that the event indices cannot (refused as UNSUPPORTED_OPERATOR, not "not found"). */
export const POSTGRES_ONLY_TABLES: readonly string[] = [
  'Alerts',
  'Incidents',
  'NetworkEvents',
  'SecurityEvent',
  'Syslog',
  'CommonSecurityLog',
  'DeviceProcessEvents',
  'DeviceNetworkEvents',
  'DeviceFileEvents',
  'DeviceLogonEvents',
  'events',
  'event',
  'securityevent',
  'siem',
  'alerts',
  'alert',
  'network',
  'networkevent',
];

const BY_COLUMN = new Map(EVENT_FIELDS.map((field) => [field.column, field]));

export function eventField(column: string): DocField | undefined {
  return BY_COLUMN.get(column);
}
