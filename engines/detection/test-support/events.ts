/**
 * Test helpers: realistic events built by the real telemetry parsers (so action names and attributes are the stored
 * ones), converted to the DetectionEvent view the service passes, plus a simulated service for batch tests.
 */
import { type NormalizedEvent, parseRecord, type SourceKind } from '../../telemetry/index.ts';
import { maxLookbackSeconds, prefilterAny, runDetectors } from '../index.ts';
import type { DetectionSettings } from '../settings.ts';
import type { Detection, DetectionEvent } from '../types.ts';

export const T0 = Date.parse('2026-11-24T10:00:00.000Z');
export const NOW = new Date('2026-11-24T12:00:00.000Z');
/** ISO time `seconds` after T0. */
export const iso = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

export function toDetectionEvent(e: NormalizedEvent, id: number): DetectionEvent {
  return {
    id,
    occurredAt: e.occurredAt,
    sourceKind: e.sourceKind,
    kind: e.kind,
    category: e.category,
    action: e.action,
    outcome: e.outcome,
    severity: e.severity,
    srcIp: e.srcIp,
    dstIp: e.dstIp,
    dstPort: e.dstPort,
    userName: e.userName,
    processCommandLine: e.processCommandLine,
    url: e.url,
    fileName: e.fileName,
    fileSha256: e.fileSha256,
    message: e.message,
    attributes: e.attributes,
    sessionId: e.sessionId,
    hostName: e.hostName,
    processName: e.processName,
  };
}

/** A factory with its own id sequence, so every test file is deterministic. */
export function eventFactory(firstId = 1) {
  let id = firstId;
  const parse = (kind: SourceKind, record: unknown): DetectionEvent => {
    const r = parseRecord(kind, record, { receivedAt: new Date(T0) });
    if (!r.ok) throw new Error(`test record rejected: ${r.reason} ${r.field ?? ''}`);
    return toDetectionEvent(r.event, id++);
  };
  return {
    parse,
    cowrie: (eventid: string, seconds: number, fields: Record<string, unknown> = {}) =>
      parse('cowrie', { eventid, timestamp: iso(seconds), src_ip: '198.51.100.7', dst_ip: '192.0.2.10', dst_port: 22, session: 's1', ...fields }),
    failedLogin: (seconds: number, username = 'root', password = '123456', srcIp = '198.51.100.7') =>
      parse('cowrie', {
        eventid: 'cowrie.login.failed',
        timestamp: iso(seconds),
        src_ip: srcIp,
        dst_port: 22,
        username,
        password,
        session: `s${seconds}`,
        protocol: 'ssh',
      }),
    sshdFailed: (seconds: number, user = 'root', ip = '203.0.113.77') =>
      parse('syslog', {
        message: `Failed password for ${user} from ${ip} port 5${seconds % 10000} ssh2`,
        program: 'sshd',
        host: 'bastion',
        timestamp: iso(seconds),
      }),
    /** An sshd message (without syslog header) at `seconds`. */
    sshd: (seconds: number, message: string) => parse('syslog', { message, program: 'sshd', host: 'bastion', timestamp: iso(seconds) }),
    suricata: (record: Record<string, unknown>) => parse('suricata', record),
    zeek: (record: Record<string, unknown>) => parse('zeek', record),
    custom: (record: Record<string, unknown>) => parse('custom', record),
    agent: (record: Record<string, unknown>) => parse('agent', record),
    /** A Zeek http request carrying `uri`. */
    http: (seconds: number, uri: string, src = '203.0.113.50', extra: Record<string, unknown> = {}) =>
      parse('zeek', {
        _path: 'http',
        ts: (T0 + seconds * 1000) / 1000,
        uid: `C${seconds}`,
        'id.orig_h': src,
        'id.orig_p': 40000,
        'id.resp_h': '192.0.2.80',
        'id.resp_p': 80,
        method: 'GET',
        host: 'shop.example',
        uri,
        user_agent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
        status_code: 200,
        ...extra,
      }),
    /** A Zeek conn record from `src` to `dst:port` with conn_state (S0 = unanswered SYN). */
    conn: (seconds: number, src: string, dst: string, port: number, state = 'S0') =>
      parse('zeek', {
        _path: 'conn',
        ts: (T0 + seconds * 1000) / 1000,
        uid: `C${src}${dst}${port}${seconds}`,
        'id.orig_h': src,
        'id.orig_p': 50000,
        'id.resp_h': dst,
        'id.resp_p': port,
        proto: 'tcp',
        conn_state: state,
      }),
  };
}

/** Only what a detector's evaluate would receive: prefiltered, sorted. */
export const only = (events: DetectionEvent[], prefilter: (e: DetectionEvent) => boolean) => events.filter(prefilter);

/**
 * The lead's service, simulated: each batch is stored, then the stored events within the lookback window before the
 * latest stored event are evaluated. Returns every fingerprint raised along the way and the last evaluation.
 */
export function simulateService(batches: DetectionEvent[][], settings: DetectionSettings): { fingerprints: string[]; last: Detection[] } {
  const store: DetectionEvent[] = [];
  const fingerprints = new Set<string>();
  let last: Detection[] = [];
  const lookbackMs = maxLookbackSeconds(settings) * 1000;
  for (const batch of batches) {
    store.push(...batch);
    const now = new Date(Math.max(...store.map((e) => e.occurredAt.getTime())));
    const loaded = store.filter((e) => e.occurredAt.getTime() >= now.getTime() - lookbackMs && prefilterAny(e, settings));
    last = runDetectors(loaded, settings, now);
    for (const d of last) fingerprints.add(d.fingerprintKey);
  }
  return { fingerprints: [...fingerprints].sort(), last };
}
