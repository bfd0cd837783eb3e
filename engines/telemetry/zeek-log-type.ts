import { getPath, isObject, str } from './fields.ts';

type Rec = Record<string, unknown>;
const has = (r: Rec, ...paths: string[]) => paths.every((p) => getPath(r, p) !== undefined);
const any = (r: Rec, ...paths: string[]) => paths.some((p) => getPath(r, p) !== undefined);

/**
 * Field signatures for Zeek logs written without `_path` (plain LogAscii::use_json output).
 * Order matters: more specific logs first (notice has `fuid`, so it precedes files; sip has method+uri,
 * so it precedes http; ssh has a numeric `version`, so it precedes ssl).
 */
const SIGNATURES: ReadonlyArray<readonly [string, (r: Rec) => boolean]> = [
  ['notice', (r) => typeof r.note === 'string'],
  ['intel', (r) => any(r, 'seen.indicator', 'matched')],
  ['weird', (r) => typeof r.name === 'string' && any(r, 'notice', 'addl') && any(r, 'peer', 'uid', 'id.orig_h')],
  ['x509', (r) => any(r, 'certificate.subject', 'certificate.serial', 'certificate.version')],
  ['conn', (r) => has(r, 'conn_state') || (has(r, 'proto') && any(r, 'orig_pkts', 'resp_pkts', 'orig_ip_bytes'))],
  ['dns', (r) => (has(r, 'query') || has(r, 'trans_id', 'RD')) && any(r, 'qtype_name', 'qtype', 'trans_id', 'rcode_name')],
  ['sip', (r) => has(r, 'call_id')],
  ['smtp', (r) => any(r, 'helo', 'mailfrom', 'rcptto') || (has(r, 'trans_depth') && has(r, 'last_reply'))],
  ['http', (r) => has(r, 'method') && any(r, 'uri', 'host', 'status_code', 'trans_depth')],
  ['ssh', (r) => any(r, 'auth_success', 'auth_attempts', 'host_key_alg', 'hasshServer') || /^SSH-/.test(str(r.client) ?? '')],
  ['ssl', (r) => any(r, 'server_name', 'cipher', 'ja3', 'ja3s', 'established', 'cert_chain_fps', 'validation_status')],
  ['files', (r) => has(r, 'fuid') && any(r, 'mime_type', 'seen_bytes', 'total_bytes', 'analyzers', 'source', 'depth')],
  ['dhcp', (r) => any(r, 'assigned_addr', 'lease_time', 'msg_types')],
  ['software', (r) => any(r, 'software_type', 'unparsed_version')],
  ['known_certs', (r) => has(r, 'port_num', 'issuer_subject')],
  ['known_services', (r) => has(r, 'port_num', 'port_proto')],
  ['known_hosts', (r) => typeof r.host === 'string' && Object.keys(r).every((k) => ['ts', 'host', '_write_ts'].includes(k))],
  ['ftp', (r) => has(r, 'command') && any(r, 'reply_code', 'user', 'password')],
  ['rdp', (r) => any(r, 'security_protocol', 'cert_count', 'keyboard_layout')],
  ['kerberos', (r) => has(r, 'request_type') && any(r, 'client', 'service')],
  ['ntlm', (r) => any(r, 'domainname', 'server_nb_computer_name')],
  ['smb_files', (r) => /^SMB::/.test(str(r.action) ?? '')],
  ['smb_mapping', (r) => has(r, 'share_type')],
  ['dce_rpc', (r) => has(r, 'endpoint', 'operation')],
  ['pe', (r) => any(r, 'is_exe', 'compile_ts', 'section_names')],
  ['ocsp', (r) => any(r, 'certStatus', 'issuerNameHash')],
  ['snmp', (r) => has(r, 'community') && any(r, 'get_requests', 'get_responses')],
  ['ntp', (r) => has(r, 'stratum', 'mode')],
  ['modbus', (r) => has(r, 'func') && any(r, 'pdu_type', 'unit', 'exception')],
  ['rfb', (r) => any(r, 'client_major_version', 'authentication_method')],
  ['ldap_search', (r) => has(r, 'message_id') && any(r, 'scope', 'filter', 'deref_aliases')],
  ['tunnel', (r) => has(r, 'tunnel_type')],
  ['syslog', (r) => has(r, 'facility', 'severity', 'message')],
  ['capture_loss', (r) => has(r, 'percent_lost')],
  ['stats', (r) => any(r, 'pkts_proc', 'events_proc')],
  ['dpd', (r) => has(r, 'analyzer', 'failure_reason')],
  ['analyzer', (r) => has(r, 'analyzer_kind') || has(r, 'analyzer_name', 'cause')],
  ['packet_filter', (r) => has(r, 'filter', 'init')],
  ['loaded_scripts', (r) => typeof r.name === 'string' && Object.keys(r).every((k) => ['name', '_write_ts'].includes(k))],
];

/** The Zeek log a record comes from: its `_path` when present, else recognised from its fields, else null. */
export function zeekLogType(record: unknown): string | null {
  if (!isObject(record)) return null;
  const path = str(record._path);
  if (path !== null) return path;
  for (const [logType, matches] of SIGNATURES) if (matches(record)) return logType;
  return null;
}

/** The log types recognisable without `_path`, in match order (for docs and tests). */
export const RECOGNISED_ZEEK_LOGS: readonly string[] = SIGNATURES.map(([name]) => name);
