import type { EventDraft } from './build.ts';
import type { Outcome } from './event.ts';
import { bool, getPath as get, num, pickStr, str, strArray } from './fields.ts';

type Rec = Record<string, unknown>;

/** What a specific Zeek log adds on top of the common fields (ts, uid, id.*, proto). */
export type ZeekPart = Partial<
  Pick<
    EventDraft,
    | 'kind'
    | 'severity'
    | 'outcome'
    | 'srcIp'
    | 'dstIp'
    | 'dstPort'
    | 'transport'
    | 'hostName'
    | 'userName'
    | 'url'
    | 'fileName'
    | 'fileSha256'
    | 'fileMd5'
    | 'message'
  >
> & { category: string; attributes: Record<string, unknown> };

const ok = (flag: boolean | null): Outcome => (flag === null ? 'unknown' : flag ? 'success' : 'failure');

const CONN_FAILED = new Set(['S0', 'REJ', 'RSTOS0', 'RSTRH', 'SH', 'SHR']);
const CONN_OK = new Set(['SF', 'S1', 'S2', 'S3', 'RSTO', 'RSTR']);

function conn(r: Rec): ZeekPart {
  const state = str(r.conn_state);
  return {
    category: 'network',
    outcome: state === null ? 'unknown' : CONN_OK.has(state) ? 'success' : CONN_FAILED.has(state) ? 'failure' : 'unknown',
    attributes: {
      service: str(r.service),
      connState: state,
      history: str(r.history),
      duration: num(r.duration),
      origBytes: num(r.orig_bytes),
      respBytes: num(r.resp_bytes),
      origPkts: num(r.orig_pkts),
      respPkts: num(r.resp_pkts),
      localOrig: bool(r.local_orig),
      localResp: bool(r.local_resp),
    },
  };
}

function dns(r: Rec): ZeekPart {
  const rcode = str(r.rcode_name) ?? str(r.rcode);
  return {
    category: 'dns',
    outcome: rcode === null ? 'unknown' : rcode === 'NOERROR' || rcode === '0' ? 'success' : 'failure',
    attributes: {
      dnsQuery: str(r.query),
      dnsQueryType: str(r.qtype_name) ?? str(r.qtype),
      dnsRcode: rcode,
      dnsAnswers: strArray(r.answers),
      dnsId: num(r.trans_id),
      dnsRejected: bool(r.rejected),
    },
  };
}

function http(r: Rec): ZeekPart {
  const host = str(r.host);
  const uri = str(r.uri);
  const port = num(get(r, 'id.resp_p'));
  const status = num(r.status_code);
  return {
    category: 'web',
    url: host && uri?.startsWith('/') ? `http://${host}${port && port !== 80 ? `:${port}` : ''}${uri}` : uri,
    userName: str(r.username),
    outcome: status === null ? 'unknown' : status < 400 ? 'success' : 'failure',
    attributes: {
      httpHost: host,
      httpMethod: str(r.method),
      httpUri: uri,
      httpStatus: status,
      httpUserAgent: str(r.user_agent),
      httpReferrer: str(r.referrer),
      httpRequestBodyLen: num(r.request_body_len),
      httpResponseBodyLen: num(r.response_body_len),
      httpRespMimeTypes: strArray(r.resp_mime_types),
      httpRespFuids: strArray(r.resp_fuids),
      password: str(r.password),
    },
  };
}

function ssl(r: Rec): ZeekPart {
  return {
    category: 'tls',
    outcome: ok(bool(r.established)),
    attributes: {
      tlsSni: str(r.server_name),
      tlsVersion: str(r.version),
      tlsCipher: str(r.cipher),
      tlsResumed: bool(r.resumed),
      tlsSubject: str(r.subject),
      tlsIssuer: str(r.issuer),
      tlsValidationStatus: str(r.validation_status),
      tlsCertChainFps: strArray(r.cert_chain_fps),
      ja3: str(r.ja3),
      ja3s: str(r.ja3s),
      ja4: str(r.ja4),
    },
  };
}

function x509(r: Rec): ZeekPart {
  return {
    category: 'tls',
    attributes: {
      tlsFingerprint: str(r.fingerprint),
      tlsSubject: pickStr(r, 'certificate.subject'),
      tlsIssuer: pickStr(r, 'certificate.issuer'),
      tlsSerial: pickStr(r, 'certificate.serial'),
      tlsNotBefore: get(r, 'certificate.not_valid_before'),
      tlsNotAfter: get(r, 'certificate.not_valid_after'),
      tlsKeyAlg: pickStr(r, 'certificate.key_alg'),
      sanDns: strArray(get(r, 'san.dns')),
    },
  };
}

function files(r: Rec): ZeekPart {
  return {
    category: 'file',
    fileName: str(r.filename) ?? str(r.extracted),
    fileSha256: str(r.sha256),
    fileMd5: str(r.md5),
    attributes: {
      fuid: str(r.fuid),
      fileSha1: str(r.sha1),
      fileMimeType: str(r.mime_type),
      fileSource: str(r.source),
      fileSize: num(r.seen_bytes) ?? num(r.total_bytes),
      fileExtracted: str(r.extracted),
      analyzers: strArray(r.analyzers),
    },
  };
}

function ssh(r: Rec): ZeekPart {
  const success = bool(r.auth_success);
  return {
    category: success === null ? 'network' : 'authentication',
    outcome: ok(success),
    attributes: {
      sshClientVersion: str(r.client),
      sshServerVersion: str(r.server),
      sshAuthAttempts: num(r.auth_attempts),
      sshDirection: str(r.direction),
      sshCipher: str(r.cipher_alg),
      sshKexAlg: str(r.kex_alg),
      sshHostKey: str(r.host_key) ?? str(r.host_key_fingerprint),
      hassh: str(r.hassh),
      hasshServer: str(r.hasshServer),
    },
  };
}

function notice(r: Rec): ZeekPart {
  return {
    category: 'intrusion_detection',
    kind: 'alert',
    severity: 2,
    srcIp: get(r, 'id.orig_h') ?? r.src,
    dstIp: get(r, 'id.resp_h') ?? r.dst,
    dstPort: get(r, 'id.resp_p') ?? r.p,
    message: str(r.msg),
    attributes: { note: str(r.note), noticeSub: str(r.sub), fuid: str(r.fuid), noticeActions: strArray(r.actions) },
  };
}

function weird(r: Rec): ZeekPart {
  return {
    category: 'network',
    severity: 1,
    message: str(r.name),
    attributes: { weirdName: str(r.name), weirdAddl: str(r.addl), weirdSource: str(r.source), notice: bool(r.notice) },
  };
}

function smtp(r: Rec): ZeekPart {
  return {
    category: 'email',
    attributes: {
      smtpHelo: str(r.helo),
      smtpMailFrom: str(r.mailfrom),
      smtpRcptTo: strArray(r.rcptto),
      smtpFrom: str(r.from),
      smtpTo: strArray(r.to),
      smtpSubject: str(r.subject),
      smtpLastReply: str(r.last_reply),
      smtpTls: bool(r.tls),
      httpUserAgent: str(r.user_agent),
    },
  };
}

/** Inventory-style logs describe a host, not a connection: the host's address becomes srcIp. */
function hostState(category: string) {
  return (r: Rec): ZeekPart => ({
    category,
    kind: 'state',
    srcIp: r.host,
    dstPort: r.port_num,
    transport: r.port_proto,
    attributes: {
      service: strArray(r.service),
      softwareType: str(r.software_type),
      softwareName: str(r.name),
      softwareVersion: str(r.unparsed_version),
      tlsSubject: str(r.subject),
      tlsIssuer: str(r.issuer_subject),
    },
  });
}

function metric(r: Rec): ZeekPart {
  return { category: 'host', kind: 'metric', attributes: { peer: str(r.peer), percentLost: num(r.percent_lost) } };
}

export const ZEEK_LOGS: Readonly<Record<string, (r: Rec) => ZeekPart>> = {
  conn,
  dns,
  http,
  ssl,
  x509,
  files,
  ssh,
  notice,
  weird,
  smtp,
  software: hostState('host'),
  known_hosts: hostState('host'),
  known_services: hostState('host'),
  known_certs: hostState('host'),
  stats: metric,
  capture_loss: metric,
  intel: (r) => ({
    category: 'threat',
    kind: 'alert',
    severity: 3,
    message: pickStr(r, 'seen.indicator'),
    attributes: { indicator: pickStr(r, 'seen.indicator'), indicatorType: pickStr(r, 'seen.indicator_type') },
  }),
  ftp: (r) => ({
    category: 'network',
    userName: str(r.user),
    attributes: { password: str(r.password), ftpCommand: str(r.command), ftpArg: str(r.arg), ftpReplyCode: num(r.reply_code) },
  }),
  kerberos: (r) => ({
    category: 'authentication',
    userName: str(r.client),
    outcome: ok(bool(r.success)),
    attributes: { krbRequestType: str(r.request_type), krbService: str(r.service), krbCipher: str(r.cipher) },
  }),
  ntlm: (r) => ({
    category: 'authentication',
    userName: str(r.username),
    hostName: str(r.hostname),
    outcome: ok(bool(r.success)),
    attributes: { ntlmDomain: str(r.domainname) },
  }),
  rdp: (r) => ({
    category: 'network',
    attributes: { rdpCookie: str(r.cookie), rdpResult: str(r.result), rdpSecurityProtocol: str(r.security_protocol) },
  }),
  dhcp: (r) => ({
    category: 'network',
    hostName: str(r.host_name),
    attributes: { dhcpAssignedAddr: str(r.assigned_addr), dhcpMac: str(r.mac), dhcpMsgTypes: strArray(r.msg_types) },
  }),
  smb_files: (r) => ({
    category: 'file',
    fileName: str(r.name),
    attributes: { smbAction: str(r.action), smbPath: str(r.path), fileSize: num(r.size) },
  }),
  pe: (r) => ({ category: 'file', attributes: { fuid: str(r.id), peMachine: str(r.machine), peIsExe: bool(r.is_exe) } }),
  syslog: (r) => ({
    category: 'host',
    message: str(r.message),
    attributes: { syslogFacility: str(r.facility), syslogSeverity: str(r.severity) },
  }),
  loaded_scripts: (r) => ({ category: 'configuration', kind: 'state', message: str(r.name)?.trim() ?? null, attributes: {} }),
  packet_filter: (r) => ({ category: 'configuration', kind: 'state', attributes: { filter: str(r.filter) } }),
};
