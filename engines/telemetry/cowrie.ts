import { buildEvent, dedupMaterial, reject, rejectTime } from './build.ts';
import { COWRIE_EVENTS, UNKNOWN_COWRIE_EVENT } from './cowrie-catalog.ts';
import type { ParseContext, ParseResult, Severity } from './event.ts';
import { extras, getPath, isObject, num, str, strArray } from './fields.ts';
import { contentHash } from './hash.ts';
import { parseTime } from './time.ts';

// attributes every event carries, mapped to model fields (cowrie docs/OUTPUT.rst "Shared Attributes")
const SHARED = ['eventid', 'message', 'sensor', 'timestamp', 'session', 'src_ip', 'src_port', 'dst_ip', 'dst_port'];
// event attributes promoted to model fields; everything else lands in `attributes` under its Cowrie name
const PROMOTED = ['username', 'input', 'url', 'attempted_command'];

/** One Cowrie JSON log event (output_jsonlog). */
export function parseCowrie(record: unknown, ctx: ParseContext): ParseResult {
  if (!isObject(record)) return reject('not_an_object');
  const eventId = str(record.eventid);
  if (eventId === null) return reject('missing_field', 'eventid');
  const time = record.timestamp === undefined ? null : parseTime(record.timestamp);
  if (record.timestamp !== undefined && time === null) return rejectTime(record.timestamp, 'timestamp');

  const action = eventId.startsWith('cowrie.') ? eventId : `cowrie.${eventId}`;
  const meta = COWRIE_EVENTS[action] ?? UNKNOWN_COWRIE_EVENT;
  const files = fileFields(action, record);
  // AbuseIPDB events are operational: their subject is the reported `IP`, not a connection's src_ip
  const reported = action.startsWith('cowrie.abuseipdb.') ? str(record.IP) : null;
  const consumed = new Set([...SHARED, ...PROMOTED, ...files.consumed, ...(reported ? ['IP'] : [])]);
  const attributes = extras(record, consumed);
  if (action === 'cowrie.client.version') attributes.clientVersion = record.version;

  const session = str(record.session);
  const protocol = str(record.protocol);
  // several events of one session can share a timestamp (e.g. client.var per env var): add a content hash
  const key = str(record.uuid) ?? [session ?? '-', action, time?.precise ?? '-', contentHash(record)].join('|');

  return buildEvent(
    {
      sourceKind: 'cowrie',
      time,
      kind: meta.kind ?? 'event',
      category: meta.category,
      action,
      outcome: meta.outcome ?? 'unknown',
      severity: severityOf(action, record, meta.severity),
      srcIp: reported ?? record.src_ip,
      srcPort: record.src_port,
      dstIp: record.dst_ip,
      dstPort: record.dst_port,
      // Cowrie serves SSH and Telnet, both over TCP
      transport: protocol === 'ssh' || protocol === 'telnet' ? 'tcp' : null,
      hostName: str(record.sensor),
      userName: str(record.username),
      processCommandLine: str(record.input) ?? str(record.attempted_command),
      url: str(record.url),
      fileName: files.fileName,
      fileSha256: files.sha256,
      sensorId: str(record.sensor),
      sessionId: session,
      message: messageOf(record.message),
      attributes,
      dedupMaterial: dedupMaterial('cowrie', key),
      raw: record,
    },
    ctx,
  );
}

function fileFields(action: string, record: Record<string, unknown>): { fileName: string | null; sha256: string | null; consumed: string[] } {
  switch (action) {
    case 'cowrie.session.file_download':
      return { fileName: str(record.destfile) ?? str(record.outfile), sha256: str(record.shasum), consumed: ['shasum'] };
    case 'cowrie.session.file_upload':
      return {
        fileName: str(record.filename) ?? str(record.destfile),
        sha256: str(record.shasum),
        consumed: ['shasum', 'filename'],
      };
    case 'cowrie.virustotal.scanfile':
      return { fileName: null, sha256: str(record.sha256), consumed: ['sha256'] };
    case 'cowrie.log.open':
    case 'cowrie.log.closed':
      // log.closed's shasum covers only the attacker's keystrokes, not a file worth IOC matching: keep it an attribute
      return { fileName: str(record.ttylog), sha256: null, consumed: ['ttylog'] };
    default:
      return { fileName: null, sha256: null, consumed: [] };
  }
}

function severityOf(action: string, record: Record<string, unknown>, base: Severity): Severity {
  if (action === 'cowrie.virustotal.scanfile' || action === 'cowrie.virustotal.scanurl') {
    const positives = num(getPath(record, 'positives'));
    return positives !== null && positives > 0 ? 3 : base;
  }
  return base;
}

// old Cowrie versions logged `message` as a list of strings
function messageOf(value: unknown): string | null {
  if (Array.isArray(value)) return strArray(value).join(' ') || null;
  return str(value);
}
