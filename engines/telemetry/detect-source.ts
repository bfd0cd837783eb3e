import type { SourceKind } from './event.ts';
import { getPath, isObject, str } from './fields.ts';
import { windowsShape } from './windows-shape.ts';
import { zeekLogType } from './zeek-log-type.ts';

type Rec = Record<string, unknown>;

// EVE keys that EventSec-style agent events never carry
const EVE_MARKERS = ['flow_id', 'src_ip', 'dest_ip', 'in_iface', 'pcap_cnt', 'proto', 'app_proto', 'stats'];
const SYSLOG_KEYS = new Set(['message', 'host', 'hostname', 'program', 'app_name', 'timestamp', 'facility', 'severity', 'pid', 'offset']);
const SYSLOG_HEADER = /^(<\d{1,3}>|1 \d{4}-|[A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2} )/;

/**
 * Guesses which parser a record belongs to, for endpoints that mix sources (e.g. /ingest/network/bulk sends
 * Suricata and Zeek together). Unrecognisable objects are `custom`; strings are syslog lines.
 */
export function detectSource(record: unknown): SourceKind {
  if (typeof record === 'string') return 'syslog';
  if (!isObject(record)) return 'custom';
  // Windows events (evtx JSON, winlogbeat, flat Sysmon) go through the agent parser, which hands them to parseWindows
  if (windowsShape(record) !== null) return 'agent';
  if (str(record.eventid)?.startsWith('cowrie.')) return 'cowrie';
  if (typeof record.hostIdentifier === 'string' && (record.columns ?? record.snapshot ?? record.diffResults) !== undefined) {
    return 'osquery';
  }
  if (isObject(record.rule) && record.rule.level !== undefined) return 'siem';
  if (isObject(record.raw) && (record.raw.event_type ?? record.raw.event_id) !== undefined) return 'siem';
  if (typeof record.event_type === 'string') return eventTypeSource(record);
  if (looksLikeZeek(record)) return 'zeek';
  if (typeof record.attack_type === 'string') return 'threatmap';
  if (typeof record.message === 'string' && SYSLOG_HEADER.test(record.message) && Object.keys(record).every((k) => SYSLOG_KEYS.has(k))) {
    return 'syslog';
  }
  return 'custom';
}

function eventTypeSource(record: Rec): SourceKind {
  if (record.schema_version !== undefined || record.timestamp_utc !== undefined) return 'agent';
  if (typeof record.hostname === 'string' && isObject(record.details) && (record.process_name ?? record.action) !== undefined) {
    return 'edr';
  }
  // EVE never has details/attributes objects; EventSec events always do
  if (isObject(record.details) || isObject(record.attributes)) return 'agent';
  // an EVE record missing its timestamp is still Suricata: its parser then says what is wrong
  if (record.timestamp !== undefined || EVE_MARKERS.some((key) => record[key] !== undefined)) return 'suricata';
  return 'custom';
}

function looksLikeZeek(record: Rec): boolean {
  if (typeof record._path === 'string') return true;
  if (typeof record.uid === 'string' && getPath(record, 'id.orig_h') !== undefined) return true;
  return record.ts !== undefined && zeekLogType(record) !== null;
}
