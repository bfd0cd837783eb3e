import { buildEvent, dedupMaterial, reject, rejectTime } from './build.ts';
import type { EventKind, Outcome, ParseContext, ParseResult, Severity } from './event.ts';
import { isObject, num, str } from './fields.ts';
import { contentHash } from './hash.ts';
import { fromSuricataPriority } from './severity.ts';
import { APP_PARTS, type Contribution } from './suricata-app.ts';
import { parseTime } from './time.ts';

const CATEGORY_BY_TYPE: Readonly<Record<string, string>> = {
  alert: 'intrusion_detection',
  drop: 'intrusion_detection',
  anomaly: 'network',
  dns: 'dns',
  mdns: 'dns',
  llmnr: 'dns',
  http: 'web',
  http2: 'web',
  tls: 'tls',
  quic: 'tls',
  fileinfo: 'file',
  smb: 'network',
  ssh: 'network',
  krb5: 'authentication',
  smtp: 'email',
  flow: 'network',
  netflow: 'network',
  stats: 'host',
};

/** One Suricata EVE JSON record (any version; unknown event types are accepted generically). */
export function parseSuricata(record: unknown, ctx: ParseContext): ParseResult {
  if (!isObject(record)) return reject('not_an_object');
  const eventType = str(record.event_type);
  if (eventType === null) return reject('missing_field', 'event_type');
  if (record.timestamp === undefined || record.timestamp === null || record.timestamp === '') {
    return reject('missing_field', 'timestamp');
  }
  const time = parseTime(record.timestamp);
  if (time === null) return rejectTime(record.timestamp, 'timestamp');

  const merged = mergeParts(record, eventType);
  const alert = isObject(record.alert) ? record.alert : null;
  const isAlert = eventType === 'alert' && alert !== null;
  const flowId = str(record.flow_id);
  const signatureId = isAlert ? str(alert.signature_id) : null;

  return buildEvent(
    {
      sourceKind: 'suricata',
      time,
      kind: kindOf(eventType, isAlert),
      category: CATEGORY_BY_TYPE[eventType] ?? 'network',
      action: `suricata.${eventType}`,
      outcome: merged.outcome,
      severity: severityOf(eventType, alert),
      srcIp: record.src_ip,
      srcPort: record.src_port,
      dstIp: record.dest_ip ?? record.dst_ip,
      dstPort: record.dest_port ?? record.dst_port,
      transport: record.proto,
      url: merged.url,
      fileName: merged.fileName,
      fileSha256: merged.fileSha256,
      fileMd5: merged.fileMd5,
      userName: merged.userName,
      sensorId: str(record.host),
      message: merged.message,
      attributes: {
        flowId,
        communityId: str(record.community_id),
        appProto: str(record.app_proto),
        txId: num(record.tx_id),
        inIface: str(record.in_iface),
        direction: str(record.direction),
        ...merged.attributes,
      },
      // the content hash separates records that share flow, type and time (e.g. EVE v1 logs one event per DNS answer)
      dedupMaterial: dedupMaterial('suricata', flowId, eventType, time.precise, signatureId, contentHash(record)),
      raw: record,
    },
    ctx,
  );
}

function mergeParts(record: Record<string, unknown>, eventType: string): Contribution & { outcome: Outcome } {
  const merged: Contribution & { outcome: Outcome } = { attributes: {}, outcome: 'unknown' };
  for (const [key, extract] of APP_PARTS) {
    const value = record[key];
    if (!isObject(value)) continue;
    const part = extract(value);
    Object.assign(merged.attributes, withoutEmpty(part.attributes));
    merged.url ??= part.url;
    merged.fileName ??= part.fileName;
    merged.fileSha256 ??= part.fileSha256;
    merged.fileMd5 ??= part.fileMd5;
    merged.userName ??= part.userName;
    merged.message ??= part.message;
    // an alert on an HTTP 200 is not a "successful" alert: only the event's own protocol decides the outcome
    if (key === eventType && part.outcome) merged.outcome = part.outcome;
  }
  return merged;
}

// a later sub-object must not blank a value an earlier one found (e.g. quic without ja3 after tls)
function withoutEmpty(attributes: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)));
}

function kindOf(eventType: string, isAlert: boolean): EventKind {
  if (isAlert) return 'alert';
  if (eventType === 'stats') return 'metric';
  return 'event';
}

function severityOf(eventType: string, alert: Record<string, unknown> | null): Severity {
  if (eventType === 'alert' || eventType === 'drop') return alert ? fromSuricataPriority(alert.severity) : 1;
  if (eventType === 'anomaly') return 1;
  return 0;
}
