import type { EventDraft } from './build.ts';
import { bool, isObject, num, pickNum, pickStr, str, strArray } from './fields.ts';
import { summariseSuricataDns } from './suricata-dns.ts';

/** What one EVE sub-object (alert, http, dns, tls…) adds to the event. */
export type Contribution = Partial<Pick<EventDraft, 'url' | 'fileName' | 'fileSha256' | 'fileMd5' | 'userName' | 'message' | 'outcome'>> & {
  attributes: Record<string, unknown>;
};

type Obj = Record<string, unknown>;

export function alertPart(alert: Obj): Contribution {
  return {
    message: str(alert.signature),
    attributes: {
      signatureId: num(alert.signature_id),
      signature: str(alert.signature),
      signatureCategory: str(alert.category),
      signatureRev: num(alert.rev),
      signatureGid: num(alert.gid),
      signatureSeverity: num(alert.severity),
      alertAction: str(alert.action),
      alertMetadata: isObject(alert.metadata) ? alert.metadata : undefined,
    },
  };
}

export function httpPart(http: Obj): Contribution {
  const host = str(http.hostname);
  const uri = str(http.url);
  const port = num(http.http_port);
  const status = num(http.status);
  const url = uri && host && uri.startsWith('/') ? `http://${host}${port && port !== 80 ? `:${port}` : ''}${uri}` : uri;
  return {
    url,
    outcome: status === null ? undefined : status < 400 ? 'success' : 'failure',
    attributes: {
      httpHost: host,
      httpMethod: str(http.http_method),
      httpUri: uri,
      httpStatus: status,
      httpUserAgent: str(http.http_user_agent),
      httpContentType: str(http.http_content_type),
      httpReferrer: str(http.http_refer),
      httpProtocol: str(http.protocol),
      httpLength: num(http.length),
      httpRedirect: str(http.redirect),
    },
  };
}

export function dnsPart(dns: Obj): Contribution {
  const summary = summariseSuricataDns(dns);
  if (!summary) return { attributes: {} };
  const isResponse = summary.messageType === 'answer' || summary.messageType === 'response';
  return {
    outcome: isResponse && summary.rcode ? (summary.rcode === 'NOERROR' ? 'success' : 'failure') : undefined,
    attributes: {
      dnsQuery: summary.query,
      dnsQueryType: summary.queryType,
      dnsRcode: summary.rcode,
      dnsAnswers: summary.answers,
      dnsType: summary.messageType,
      dnsId: num(dns.id),
      dnsVersion: num(dns.version),
    },
  };
}

/** JA3/JA3S: an object {hash, string} in real EVE, a bare string in older or hand-made records. */
function fingerprint(value: unknown): { hash: string | null; text: string | null } {
  if (isObject(value)) return { hash: str(value.hash), text: str(value.string) };
  const flat = str(value);
  if (flat === null) return { hash: null, text: null };
  return /^[0-9a-f]{32}$/i.test(flat) ? { hash: flat.toLowerCase(), text: null } : { hash: null, text: flat };
}

export function tlsPart(tls: Obj): Contribution {
  const ja3 = fingerprint(tls.ja3);
  const ja3s = fingerprint(tls.ja3s);
  return {
    attributes: {
      tlsSni: str(tls.sni),
      tlsVersion: str(tls.version),
      tlsSubject: str(tls.subject),
      tlsIssuer: str(tls.issuerdn),
      tlsSerial: str(tls.serial),
      tlsFingerprint: str(tls.fingerprint),
      tlsNotBefore: str(tls.notbefore),
      tlsNotAfter: str(tls.notafter),
      tlsResumed: bool(tls.session_resumed),
      tlsClientAlpns: strArray(tls.client_alpns),
      ja3: ja3.hash,
      ja3String: ja3.text,
      ja3s: ja3s.hash,
      ja3sString: ja3s.text,
      ja4: str(tls.ja4),
    },
  };
}

export function quicPart(quic: Obj): Contribution {
  const ja3 = fingerprint(quic.ja3);
  return {
    attributes: {
      tlsSni: str(quic.sni),
      quicVersion: str(quic.version),
      quicUserAgent: str(quic.ua),
      ja3: ja3.hash,
      ja3String: ja3.text,
      ja4: str(quic.ja4),
    },
  };
}

export function sshPart(ssh: Obj): Contribution {
  return {
    attributes: {
      sshClientVersion: pickStr(ssh, 'client.software_version'),
      sshServerVersion: pickStr(ssh, 'server.software_version'),
      sshClientProto: pickStr(ssh, 'client.proto_version'),
      sshServerProto: pickStr(ssh, 'server.proto_version'),
      hassh: pickStr(ssh, 'client.hassh.hash'),
      hasshAlgorithms: pickStr(ssh, 'client.hassh.string'),
      hasshServer: pickStr(ssh, 'server.hassh.hash'),
    },
  };
}

export function fileinfoPart(file: Obj): Contribution {
  return {
    fileName: str(file.filename),
    fileSha256: str(file.sha256),
    fileMd5: str(file.md5),
    attributes: {
      fileSha1: str(file.sha1),
      fileSize: num(file.size),
      fileMagic: str(file.magic),
      fileState: str(file.state),
      fileStored: bool(file.stored),
      fileId: num(file.file_id),
    },
  };
}

export function smbPart(smb: Obj): Contribution {
  return {
    fileName: str(smb.filename),
    userName: pickStr(smb, 'ntlmssp.user'),
    attributes: {
      smbCommand: str(smb.command),
      smbDialect: str(smb.dialect),
      smbStatus: str(smb.status),
      smbShare: str(smb.share),
      ntlmDomain: pickStr(smb, 'ntlmssp.domain'),
      ntlmHost: pickStr(smb, 'ntlmssp.host'),
    },
  };
}

export function flowPart(flow: Obj): Contribution {
  return {
    attributes: {
      flowPktsToServer: num(flow.pkts_toserver),
      flowPktsToClient: num(flow.pkts_toclient),
      flowBytesToServer: num(flow.bytes_toserver),
      flowBytesToClient: num(flow.bytes_toclient),
      flowStart: str(flow.start),
      flowEnd: str(flow.end),
      flowAge: num(flow.age),
      flowState: str(flow.state),
      flowReason: str(flow.reason),
      flowAlerted: bool(flow.alerted),
    },
  };
}

export function netflowPart(netflow: Obj): Contribution {
  return {
    attributes: {
      flowPkts: num(netflow.pkts),
      flowBytes: num(netflow.bytes),
      flowStart: str(netflow.start),
      flowEnd: str(netflow.end),
      flowAge: num(netflow.age),
    },
  };
}

export function anomalyPart(anomaly: Obj): Contribution {
  return {
    message: str(anomaly.event),
    attributes: { anomalyType: str(anomaly.type), anomalyEvent: str(anomaly.event), anomalyLayer: str(anomaly.layer) },
  };
}

export function statsPart(stats: Obj): Contribution {
  return {
    attributes: {
      statsUptime: num(stats.uptime),
      statsPackets: pickNum(stats, 'decoder.pkts'),
      statsKernelDrops: pickNum(stats, 'capture.kernel_drops'),
    },
  };
}

/** Sub-object name → extractor, applied to every sub-object present (alerts carry http/dns/tls too). */
export const APP_PARTS: ReadonlyArray<readonly [string, (value: Obj) => Contribution]> = [
  ['alert', alertPart],
  ['anomaly', anomalyPart],
  ['http', httpPart],
  ['dns', dnsPart],
  ['tls', tlsPart],
  ['quic', quicPart],
  ['ssh', sshPart],
  ['fileinfo', fileinfoPart],
  ['smb', smbPart],
  ['flow', flowPart],
  ['netflow', netflowPart],
  ['stats', statsPart],
];
