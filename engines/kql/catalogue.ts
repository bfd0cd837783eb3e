import type { ScalarType } from './ast.ts';

/**
 * The tables KQL queries can name, and how each maps onto Vigil's PostgreSQL tables. Every column is a
 * SQL expression over the row alias `r` of its base table; the expressions are constants of this file
 * (never built from query text). String columns never yield NULL: KQL has no null string, only ''.
 */

export interface CatalogueColumn {
  name: string;
  type: ScalarType;
  sql: string;
  description?: string;
  /**
   * The stored, indexed column this one is a rendering of, for equality pushdown (sql/index-hints.ts): only where
   * `column == v` implies `stored = v` (single-host inet addresses rendered by host()).
   */
  indexed?: { sql: string; kind: 'inet' };
}

export interface CatalogueTable {
  /** The name as documented (KQL table names are case-sensitive). */
  name: string;
  description: string;
  /** The stored table the rows come from. */
  base: 'events' | 'alerts' | 'incidents';
  /** A fixed filter for views over `base` (constant SQL over `r`), or null. */
  filter: string | null;
  /** The stored column bounded by the request's time range (indexed, and the events partition key). */
  timeSql: string;
  columns: CatalogueColumn[];
  /** Found by `search` without `in (…)` (views and legacy names would only repeat the same rows). */
  searchedByDefault: boolean;
}

const text = (expr: string): string => `coalesce(${expr}, '')`;
const jsonText = (path: string): string => text(`r.attributes #>> '{${path}}'`);
/** A JSON number, or a string of digits, as a bigint; anything else is null (never a cast error). */
const jsonLong = (path: string): string =>
  `(case when jsonb_typeof(r.attributes #> '{${path}}') = 'number' then trunc((r.attributes #>> '{${path}}')::numeric)::bigint ` +
  `when (r.attributes #>> '{${path}}') ~ '^\\s*-?[0-9]{1,18}\\s*$' then trim(r.attributes #>> '{${path}}')::bigint end)`;
const win = (field: string): string => jsonText(`win,${field}`);
const winLong = (field: string): string => jsonLong(`win,${field}`);
/** The last component of a Windows or POSIX path. */
const basename = (expr: string): string => `coalesce(substring(${expr} from '([^\\\\/]*)$'), '')`;
const SEVERITY_NAME = `(case r.severity when 0 then 'info' when 1 then 'low' when 2 then 'medium' when 3 then 'high' when 4 then 'critical' else 'info' end)`;

const col = (name: string, type: ScalarType, sql: string, description?: string): CatalogueColumn =>
  description === undefined ? { name, type, sql } : { name, type, sql, description };

const EVENT_COLUMNS: CatalogueColumn[] = [
  col('TimeGenerated', 'datetime', 'r.occurred_at', 'When the event happened (the time the request range bounds)'),
  col('ReceivedAt', 'datetime', 'r.received_at'),
  col('EventId', 'long', 'r.id'),
  col('SourceKind', 'string', 'r.source_kind', 'cowrie, suricata, zeek, osquery, syslog, agent, edr, siem, custom, synthetic, threatmap'),
  col('Channel', 'string', 'r.channel'),
  col('Kind', 'string', 'r.kind', 'event, alert, metric or state'),
  col('Category', 'string', 'r.category'),
  col('Action', 'string', 'r.action'),
  col('Outcome', 'string', 'r.outcome', 'success, failure or unknown'),
  col('Severity', 'long', 'r.severity::bigint', '0 info, 1 low, 2 medium, 3 high, 4 critical'),
  col('SeverityName', 'string', SEVERITY_NAME),
  { ...col('SrcIp', 'string', text('host(r.src_ip)')), indexed: { sql: 'r.src_ip', kind: 'inet' } },
  col('SrcPort', 'long', 'r.src_port::bigint'),
  col('DstIp', 'string', text('host(r.dst_ip)')),
  col('DstPort', 'long', 'r.dst_port::bigint'),
  col('Transport', 'string', text('r.transport')),
  col('HostName', 'string', text('r.host_name')),
  col('UserName', 'string', text('r.user_name')),
  col('ProcessName', 'string', text('r.process_name')),
  col('ProcessCommandLine', 'string', text('r.process_command_line')),
  col('FileName', 'string', text('r.file_name')),
  col('FileMd5', 'string', text('r.file_md5')),
  col('FileSha256', 'string', text('r.file_sha256')),
  col('Url', 'string', text('r.url')),
  col('Message', 'string', text('r.message')),
  col('SessionId', 'string', text('r.session_id')),
  col('AgentId', 'string', text('r.agent_id::text')),
  col('DeviceId', 'string', text('r.device_id::text')),
  col('SensorId', 'string', text('r.sensor_id')),
  col('Attributes', 'dynamic', 'r.attributes', 'Source-specific fields (Windows EventData under win, auditd fields under auditd, …)'),
  col('Raw', 'dynamic', 'r.raw::jsonb', 'The record as received'),
];

const pick = (names: string[]): CatalogueColumn[] =>
  names.map((name) => {
    const found = EVENT_COLUMNS.find((column) => column.name === name);
    if (!found) throw new Error(`no Events column ${name}`);
    return found;
  });

const WINDOWS_EVENTS = `r.attributes ? 'win'`;

const SECURITY_EVENT: CatalogueTable = {
  name: 'SecurityEvent',
  description: 'Windows Security channel events (EventData fields from attributes.win)',
  base: 'events',
  filter: `${WINDOWS_EVENTS} and lower(r.attributes #>> '{win,Channel}') = 'security'`,
  timeSql: 'r.occurred_at',
  searchedByDefault: false,
  columns: [
    col('TimeGenerated', 'datetime', 'r.occurred_at'),
    col('Computer', 'string', text('r.host_name')),
    col('EventID', 'long', winLong('EventID')),
    col('Channel', 'string', win('Channel')),
    col('Account', 'string', text('r.user_name')),
    col('SubjectUserName', 'string', win('SubjectUserName')),
    col('SubjectDomainName', 'string', win('SubjectDomainName')),
    col('SubjectUserSid', 'string', win('SubjectUserSid')),
    col('TargetUserName', 'string', win('TargetUserName')),
    col('TargetDomainName', 'string', win('TargetDomainName')),
    col('TargetUserSid', 'string', win('TargetUserSid')),
    col('LogonType', 'long', winLong('LogonType')),
    col('LogonProcessName', 'string', win('LogonProcessName')),
    col('AuthenticationPackageName', 'string', win('AuthenticationPackageName')),
    col('WorkstationName', 'string', win('WorkstationName')),
    col('IpAddress', 'string', win('IpAddress')),
    col('IpPort', 'string', win('IpPort')),
    col('Status', 'string', win('Status')),
    col('SubStatus', 'string', win('SubStatus')),
    col('NewProcessName', 'string', win('NewProcessName')),
    col('ParentProcessName', 'string', win('ParentProcessName')),
    col('Process', 'string', text('r.process_name')),
    col('CommandLine', 'string', text('r.process_command_line')),
    col('ServiceName', 'string', win('ServiceName')),
    col('ObjectName', 'string', win('ObjectName')),
    col('Keywords', 'string', win('Keywords')),
    col('Level', 'long', winLong('Level')),
    col('EventRecordId', 'string', win('EventRecordID')),
    col('Outcome', 'string', 'r.outcome'),
    col('EventData', 'dynamic', `r.attributes -> 'win'`, 'Every EventData field by name (a bag, not Sentinel’s XML text)'),
  ],
};

const SYSLOG: CatalogueTable = {
  name: 'Syslog',
  description: 'Syslog lines (sshd and auditd records included)',
  base: 'events',
  filter: `r.source_kind = 'syslog'`,
  timeSql: 'r.occurred_at',
  searchedByDefault: false,
  columns: [
    col('TimeGenerated', 'datetime', 'r.occurred_at'),
    col('Computer', 'string', text('r.host_name')),
    col('HostName', 'string', text('r.host_name')),
    col('Facility', 'string', jsonText('facility')),
    col('SeverityLevel', 'string', jsonText('syslogSeverity')),
    col('ProcessName', 'string', text('r.process_name')),
    col('ProcessID', 'long', jsonLong('pid')),
    col('SyslogMessage', 'string', text('r.message')),
    col('SrcIp', 'string', text('host(r.src_ip)')),
    col('UserName', 'string', text('r.user_name')),
    col('Action', 'string', 'r.action'),
    col('Outcome', 'string', 'r.outcome'),
    col('Attributes', 'dynamic', 'r.attributes'),
  ],
};

const VENDOR = `(case r.source_kind when 'suricata' then 'OISF' when 'zeek' then 'Zeek' else r.source_kind end)`;
const PRODUCT = `(case r.source_kind when 'suricata' then 'Suricata' when 'zeek' then 'Zeek' else coalesce(r.attributes ->> 'source', r.source_kind) end)`;

const COMMON_SECURITY_LOG: CatalogueTable = {
  name: 'CommonSecurityLog',
  description: 'Network sensor and SIEM events in CEF-style columns (Vigil has no CEF input: Suricata, Zeek and SIEM events)',
  base: 'events',
  filter: `r.source_kind in ('suricata', 'zeek', 'siem')`,
  timeSql: 'r.occurred_at',
  searchedByDefault: false,
  columns: [
    col('TimeGenerated', 'datetime', 'r.occurred_at'),
    col('DeviceVendor', 'string', VENDOR),
    col('DeviceProduct', 'string', PRODUCT),
    col('DeviceEventClassID', 'string', text(`coalesce(r.attributes ->> 'signatureId', r.action)`)),
    col('Activity', 'string', text(`coalesce(r.attributes ->> 'signature', r.attributes ->> 'note', r.action)`)),
    col('LogSeverity', 'string', SEVERITY_NAME),
    col('SourceIP', 'string', text('host(r.src_ip)')),
    col('SourcePort', 'long', 'r.src_port::bigint'),
    col('DestinationIP', 'string', text('host(r.dst_ip)')),
    col('DestinationPort', 'long', 'r.dst_port::bigint'),
    col('Protocol', 'string', text('r.transport')),
    col('RequestURL', 'string', text('r.url')),
    col('DestinationHostName', 'string', text(`r.attributes ->> 'httpHost'`)),
    col('SourceUserName', 'string', text('r.user_name')),
    col('Computer', 'string', text('r.host_name')),
    col('Message', 'string', text('r.message')),
    col('AdditionalExtensions', 'dynamic', 'r.attributes'),
  ],
};

const ENDPOINT = `r.source_kind in ('agent', 'edr', 'osquery')`;

function deviceColumns(extra: CatalogueColumn[]): CatalogueColumn[] {
  return [
    col('TimeGenerated', 'datetime', 'r.occurred_at'),
    col('Timestamp', 'datetime', 'r.occurred_at'),
    col('DeviceName', 'string', text('r.host_name')),
    col('DeviceId', 'string', text(`coalesce(r.device_id::text, r.agent_id::text, r.sensor_id)`)),
    col('ActionType', 'string', 'r.action'),
    ...extra,
    col('AdditionalFields', 'dynamic', 'r.attributes'),
  ];
}

const DEVICE_PROCESS_EVENTS: CatalogueTable = {
  name: 'DeviceProcessEvents',
  description: 'Process events from agents, EDR and osquery',
  base: 'events',
  filter: `${ENDPOINT} and r.category = 'process'`,
  timeSql: 'r.occurred_at',
  searchedByDefault: false,
  columns: deviceColumns([
    col('AccountName', 'string', text('r.user_name')),
    col('FileName', 'string', text('r.process_name')),
    col('FolderPath', 'string', text(`coalesce(r.attributes #>> '{win,Image}', r.attributes #>> '{win,NewProcessName}')`)),
    col('ProcessCommandLine', 'string', text('r.process_command_line')),
    col('ProcessId', 'long', `coalesce(${winLong('ProcessId')}, ${winLong('NewProcessId')})`),
    col('SHA256', 'string', text('r.file_sha256')),
    col('MD5', 'string', text('r.file_md5')),
    col('InitiatingProcessFileName', 'string', basename(`coalesce(r.attributes #>> '{win,ParentImage}', r.attributes #>> '{win,ParentProcessName}')`)),
    col('InitiatingProcessFolderPath', 'string', text(`coalesce(r.attributes #>> '{win,ParentImage}', r.attributes #>> '{win,ParentProcessName}')`)),
    col('InitiatingProcessCommandLine', 'string', win('ParentCommandLine')),
    col('InitiatingProcessId', 'long', winLong('ParentProcessId')),
  ]),
};

const DEVICE_NETWORK_EVENTS: CatalogueTable = {
  name: 'DeviceNetworkEvents',
  description: 'Network connections seen by agents and EDR',
  base: 'events',
  filter: `${ENDPOINT} and r.category = 'network'`,
  timeSql: 'r.occurred_at',
  searchedByDefault: false,
  columns: deviceColumns([
    col('LocalIP', 'string', text('host(r.src_ip)')),
    col('LocalPort', 'long', 'r.src_port::bigint'),
    col('RemoteIP', 'string', text('host(r.dst_ip)')),
    col('RemotePort', 'long', 'r.dst_port::bigint'),
    col('RemoteUrl', 'string', text('r.url')),
    col('Protocol', 'string', text('r.transport')),
    col('InitiatingProcessFileName', 'string', text('r.process_name')),
    col('InitiatingProcessCommandLine', 'string', text('r.process_command_line')),
    col('InitiatingProcessAccountName', 'string', text('r.user_name')),
  ]),
};

const DEVICE_FILE_EVENTS: CatalogueTable = {
  name: 'DeviceFileEvents',
  description: 'File creations, changes and deletions seen by agents and EDR',
  base: 'events',
  filter: `${ENDPOINT} and r.category = 'file'`,
  timeSql: 'r.occurred_at',
  searchedByDefault: false,
  columns: deviceColumns([
    col('FileName', 'string', basename(text('r.file_name'))),
    col('FolderPath', 'string', text(`coalesce(r.attributes #>> '{win,TargetFilename}', r.file_name)`)),
    col('SHA256', 'string', text('r.file_sha256')),
    col('MD5', 'string', text('r.file_md5')),
    col('InitiatingProcessFileName', 'string', text('r.process_name')),
    col('InitiatingProcessCommandLine', 'string', text('r.process_command_line')),
    col('InitiatingProcessAccountName', 'string', text('r.user_name')),
  ]),
};

const DEVICE_LOGON_EVENTS: CatalogueTable = {
  name: 'DeviceLogonEvents',
  description: 'Logons seen by agents and EDR',
  base: 'events',
  filter: `${ENDPOINT} and r.category = 'authentication'`,
  timeSql: 'r.occurred_at',
  searchedByDefault: false,
  columns: deviceColumns([
    col('AccountName', 'string', text('r.user_name')),
    col('AccountDomain', 'string', win('TargetDomainName')),
    col('LogonType', 'string', win('LogonType')),
    col('RemoteIP', 'string', text('host(r.src_ip)')),
    col('RemotePort', 'long', 'r.src_port::bigint'),
    col('Outcome', 'string', 'r.outcome'),
    col('FailureReason', 'string', win('FailureReason')),
  ]),
};

const NETWORK_SENSOR_COLUMNS: CatalogueColumn[] = [
  ...pick(['TimeGenerated', 'EventId', 'SourceKind', 'Category', 'Action', 'Severity', 'SeverityName', 'SrcIp', 'SrcPort', 'DstIp', 'DstPort', 'Transport']),
  ...pick(['HostName', 'UserName', 'Url', 'Message', 'SensorId']),
  col('EventType', 'string', `(case when r.action like r.source_kind || '.%' then substr(r.action, length(r.source_kind) + 2) else r.action end)`),
  col('Signature', 'string', text(`coalesce(r.attributes ->> 'signature', r.attributes ->> 'note')`)),
  col('SignatureId', 'long', jsonLong('signatureId')),
  col('SignatureCategory', 'string', jsonText('signatureCategory')),
  col('DnsQuery', 'string', jsonText('dnsQuery')),
  col('HttpHost', 'string', jsonText('httpHost')),
  col('HttpMethod', 'string', jsonText('httpMethod')),
  col('HttpUserAgent', 'string', jsonText('httpUserAgent')),
  col('TlsSni', 'string', jsonText('tlsSni')),
  col('Ja3', 'string', jsonText('ja3')),
  col('CommunityId', 'string', jsonText('communityId')),
  col('Attributes', 'dynamic', 'r.attributes'),
  col('Raw', 'dynamic', 'r.raw::jsonb'),
];

const NETWORK_EVENTS: CatalogueTable = {
  name: 'NetworkEvents',
  description: 'Suricata and Zeek events',
  base: 'events',
  filter: `r.source_kind in ('suricata', 'zeek')`,
  timeSql: 'r.occurred_at',
  searchedByDefault: false,
  columns: NETWORK_SENSOR_COLUMNS,
};

const ALERTS: CatalogueTable = {
  name: 'Alerts',
  description: 'Alerts raised by detection, rules and integrations',
  base: 'alerts',
  filter: null,
  timeSql: 'r.created_at',
  searchedByDefault: true,
  columns: [
    col('TimeGenerated', 'datetime', 'r.created_at'),
    col('AlertId', 'long', 'r.id'),
    col('Title', 'string', 'r.title'),
    col('Description', 'string', text('r.description')),
    col('Severity', 'string', 'r.severity'),
    col('Status', 'string', 'r.status'),
    col('Category', 'string', 'r.category'),
    col('Source', 'string', 'r.source'),
    col('Detector', 'string', text('r.detector')),
    col('SrcIp', 'string', text('host(r.src_ip)')),
    col('HostName', 'string', text('r.hostname')),
    col('UserName', 'string', text('r.username')),
    col('Url', 'string', text('r.url')),
    col('EntityType', 'string', text('r.entity_type')),
    col('EntityValue', 'string', text('r.entity_value')),
    col('Mitre', 'dynamic', 'to_jsonb(r.mitre)'),
    col('IncidentId', 'long', 'r.incident_id'),
    col('FirstSeen', 'datetime', 'r.first_seen_at'),
    col('LastSeen', 'datetime', 'r.last_seen_at'),
    col('Occurrences', 'long', 'r.occurrences::bigint'),
    col('RuleId', 'string', text('r.rule_id::text')),
    col('Evidence', 'dynamic', 'r.evidence'),
  ],
};

const INCIDENTS: CatalogueTable = {
  name: 'Incidents',
  description: 'Incidents (cases) grouping alerts',
  base: 'incidents',
  filter: null,
  timeSql: 'r.created_at',
  searchedByDefault: true,
  columns: [
    col('TimeGenerated', 'datetime', 'r.created_at'),
    col('IncidentId', 'long', 'r.id'),
    col('Title', 'string', 'r.title'),
    col('Description', 'string', text('r.description')),
    col('Severity', 'string', 'r.severity'),
    col('Status', 'string', 'r.status'),
    col('SrcIp', 'string', text('host(r.src_ip)')),
    col('Reason', 'string', text('r.reason')),
    col('RiskScore', 'real', 'r.risk_score::double precision'),
    col('EscalationLevel', 'string', 'r.escalation_level'),
    col('ThreatCategory', 'string', text('r.threat_category')),
    col('Tags', 'dynamic', 'to_jsonb(r.tags)'),
    col('Mitre', 'dynamic', 'to_jsonb(r.mitre)'),
    col('AlertCount', 'long', 'r.alert_count::bigint'),
    col('EventCount', 'long', 'r.event_count::bigint'),
    col('FirstSeen', 'datetime', 'r.first_seen_at'),
    col('LastSeen', 'datetime', 'r.last_seen_at'),
    col('UpdatedAt', 'datetime', 'r.updated_at'),
    col('Origin', 'string', text('r.origin')),
  ],
};

const EVENTS: CatalogueTable = {
  name: 'Events',
  description: 'Every stored event, normalised',
  base: 'events',
  filter: null,
  timeSql: 'r.occurred_at',
  searchedByDefault: true,
  columns: EVENT_COLUMNS,
};

// ── EventSec's lower-case names (its clients send them; columns as its /search/kql hits) ─────────────

const EVENTSEC_EVENT_TYPE = `coalesce(r.attributes ->> 'eventType', case when r.action like r.source_kind || '.%' then substr(r.action, length(r.source_kind) + 2) else r.action end)`;

const EVENTSEC_EVENT_COLUMNS: CatalogueColumn[] = [
  col('timestamp', 'datetime', 'r.occurred_at'),
  col('event_id', 'long', 'r.id'),
  col('agent_id', 'string', text('r.agent_id::text')),
  col('event_type', 'string', EVENTSEC_EVENT_TYPE),
  col('severity', 'string', SEVERITY_NAME),
  col('category', 'string', `coalesce(r.attributes ->> 'sourceCategory', r.category)`),
  col('message', 'string', text('r.message')),
  col('hostname', 'string', text('r.host_name')),
  col('username', 'string', text('r.user_name')),
  col('src_ip', 'string', text('host(r.src_ip)')),
  col('dst_ip', 'string', text('host(r.dst_ip)')),
  col('details', 'dynamic', `coalesce(r.raw::jsonb -> 'details', r.attributes)`),
];

function eventsecEvents(name: string): CatalogueTable {
  return {
    name,
    description: 'EventSec event view (legacy name)',
    base: 'events',
    filter: null,
    timeSql: 'r.occurred_at',
    searchedByDefault: false,
    columns: EVENTSEC_EVENT_COLUMNS,
  };
}

const EVENTSEC_ALERT_COLUMNS: CatalogueColumn[] = [
  col('created_at', 'datetime', 'r.created_at'),
  col('id', 'long', 'r.id'),
  col('title', 'string', 'r.title'),
  col('description', 'string', text('r.description')),
  col('severity', 'string', 'r.severity'),
  col('status', 'string', 'r.status'),
  col('category', 'string', 'r.category'),
  col('source', 'string', 'r.source'),
  col('source_ip', 'string', text('host(r.src_ip)')),
  col('hostname', 'string', text('r.hostname')),
  col('username', 'string', text('r.username')),
  col('url', 'string', text('r.url')),
  col('updated_at', 'datetime', 'r.updated_at'),
];

function eventsecAlerts(name: string): CatalogueTable {
  return {
    name,
    description: 'EventSec alert view (legacy name)',
    base: 'alerts',
    filter: null,
    timeSql: 'r.created_at',
    searchedByDefault: false,
    columns: EVENTSEC_ALERT_COLUMNS,
  };
}

const EVENTSEC_NETWORK_COLUMNS: CatalogueColumn[] = [
  col('ts', 'datetime', 'r.occurred_at'),
  col('id', 'long', 'r.id'),
  col('source', 'string', 'r.source_kind'),
  col('event_type', 'string', `(case when r.action like r.source_kind || '.%' then substr(r.action, length(r.source_kind) + 2) else r.action end)`),
  col('src_ip', 'string', text('host(r.src_ip)')),
  col('src_port', 'long', 'r.src_port::bigint'),
  col('dst_ip', 'string', text('host(r.dst_ip)')),
  col('dst_port', 'long', 'r.dst_port::bigint'),
  col('proto', 'string', text('r.transport')),
  col('signature', 'string', text(`coalesce(r.attributes ->> 'signature', r.attributes ->> 'note')`)),
  col('signature_id', 'long', jsonLong('signatureId')),
  col('category', 'string', text(`coalesce(r.attributes ->> 'signatureCategory', r.category)`)),
  col('severity', 'long', 'r.severity::bigint'),
  col('sensor', 'string', text('r.sensor_id')),
  col('message', 'string', text('r.message')),
  col('url', 'string', text('r.url')),
  col('domain', 'string', jsonText('dnsQuery')),
  col('raw', 'dynamic', 'r.raw::jsonb'),
];

function eventsecNetwork(name: string): CatalogueTable {
  return {
    name,
    description: 'EventSec network event view (legacy name): Suricata and Zeek events',
    base: 'events',
    filter: `r.source_kind in ('suricata', 'zeek')`,
    timeSql: 'r.occurred_at',
    searchedByDefault: false,
    columns: EVENTSEC_NETWORK_COLUMNS,
  };
}

export const CATALOGUE: readonly CatalogueTable[] = [
  EVENTS,
  SECURITY_EVENT,
  SYSLOG,
  COMMON_SECURITY_LOG,
  DEVICE_PROCESS_EVENTS,
  DEVICE_NETWORK_EVENTS,
  DEVICE_FILE_EVENTS,
  DEVICE_LOGON_EVENTS,
  NETWORK_EVENTS,
  ALERTS,
  INCIDENTS,
  ...['events', 'event', 'securityevent', 'siem'].map(eventsecEvents),
  ...['alerts', 'alert'].map(eventsecAlerts),
  ...['network', 'networkevent'].map(eventsecNetwork),
];

const BY_NAME = new Map(CATALOGUE.map((table) => [table.name, table]));

export function findTable(name: string): CatalogueTable | undefined {
  return BY_NAME.get(name);
}

export function tableNames(): string[] {
  return CATALOGUE.map((table) => table.name);
}
