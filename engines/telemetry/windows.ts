import { buildEvent, dedupMaterial, reject, rejectTime } from './build.ts';
import type { Outcome, ParseContext, ParseResult, Severity } from './event.ts';
import { isObject, num, str } from './fields.ts';
import { contentHash } from './hash.ts';
import { parseTime } from './time.ts';
import { windowsEventKind } from './windows-catalog.ts';
import { readWindowsRecord } from './windows-shape.ts';

export { readWindowsRecord, type WindowsRecord, type WindowsShape, windowsShape } from './windows-shape.ts';

type Rec = Record<string, unknown>;

/** Who sent the record when it came wrapped in an agent envelope (POST /events details, agent telemetry). */
export type WindowsEnvelope = { agentId?: string | null; severity?: Severity | null };

// Security log keywords: bit 52 audit failure, bit 53 audit success
const AUDIT_FAILURE = 0x0010_0000_0000_0000n;
const AUDIT_SUCCESS = 0x0020_0000_0000_0000n;

/** A value Windows writes as "no value" (`-`, `%%1793`-style empties are left alone). */
function text(value: unknown): string | null {
  const s = str(value);
  return s === null || s === '-' ? null : s;
}

const basename = (path: string | null): string | null => (path === null ? null : (path.split(/[\\/]/).pop() ?? path) || null);

/** Windows Level: 1 critical, 2 error, 3 warning; information (4), verbose (5) and LogAlways (0) are info. */
function severityOfLevel(level: unknown): Severity {
  const n = num(level);
  return n === 1 ? 3 : n === 2 ? 2 : n === 3 ? 1 : 0;
}

function auditOutcome(keywords: unknown): Outcome {
  const textValue = str(keywords);
  if (textValue === null || !/^0x[0-9a-f]{1,16}$/i.test(textValue)) {
    const words = Array.isArray(keywords) ? keywords.join(' ') : (textValue ?? '');
    return /audit failure/i.test(words) ? 'failure' : /audit success/i.test(words) ? 'success' : 'unknown';
  }
  const bits = BigInt(textValue);
  return (bits & AUDIT_FAILURE) !== 0n ? 'failure' : (bits & AUDIT_SUCCESS) !== 0n ? 'success' : 'unknown';
}

/** `SHA1=…,MD5=…,SHA256=…,IMPHASH=…` (Sysmon Hashes) as a map by upper-cased algorithm. */
export function sysmonHashes(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (str(value) ?? '').split(',')) {
    const [algorithm, hash] = part.split('=');
    if (algorithm && hash) out[algorithm.trim().toUpperCase()] = hash.trim();
  }
  return out;
}

/** The account an event is about: the logon target for authentication events, else the acting user. */
function userOf(win: Rec, category: string): string | null {
  if (category === 'authentication') return text(win.TargetUserName) ?? text(win.SubjectUserName) ?? text(win.User);
  return text(win.User) ?? text(win.SubjectUserName) ?? text(win.TargetUserName) ?? text(win.AccountName) ?? text(win.UserName);
}

function networkOf(win: Rec): Rec {
  if (win.SourceIp !== undefined || win.DestinationIp !== undefined) {
    return { srcIp: win.SourceIp, srcPort: win.SourcePort, dstIp: win.DestinationIp, dstPort: win.DestinationPort, transport: win.Protocol };
  }
  // logon events: the remote end is IpAddress/IpPort
  return { srcIp: win.IpAddress ?? win.ClientAddress, srcPort: win.IpPort ?? win.ClientPort };
}

/**
 * A Windows event (evtx-to-JSON, winlogbeat/ECS, or flat Sysmon-style JSON) as a NormalizedEvent with sourceKind
 * `agent` and every field of the event in `attributes.win` (Sigma's Windows field names address it).
 */
export function parseWindows(record: unknown, ctx: ParseContext, envelope: WindowsEnvelope = {}): ParseResult {
  if (!isObject(record)) return reject('not_an_object');
  const read = readWindowsRecord(record);
  if (read === null) return reject('unrecognised_record');
  const { win } = read;
  const eventId = num(win.EventID);
  if (win.EventID === undefined || win.EventID === null) return reject('missing_field', 'EventID');
  if (eventId === null || !Number.isInteger(eventId) || eventId < 0) return reject('invalid_field', 'EventID');
  win.EventID = eventId;
  const time = read.time === undefined || read.time === null || read.time === '' ? null : parseTime(read.time);
  if (time === null && read.time !== undefined && read.time !== null && read.time !== '') return rejectTime(read.time, 'TimeCreated');

  const channel = str(win.Channel);
  const kind = windowsEventKind(channel, eventId);
  const hashes = sysmonHashes(win.Hashes);
  const image = text(win.Image) ?? text(win.NewProcessName);
  const outcome = kind.outcome ?? (channel?.toLowerCase() === 'security' ? auditOutcome(win.Keywords) : 'unknown');
  const severity = Math.max(severityOfLevel(win.Level), envelope.severity ?? 0) as Severity;
  const recordId = str(win.EventRecordID);

  return buildEvent(
    {
      sourceKind: 'agent',
      time,
      category: kind.category,
      action: `windows.${kind.action}`,
      outcome,
      severity,
      ...networkOf(win),
      hostName: text(win.Computer),
      userName: userOf(win, kind.category),
      processName: basename(image),
      processCommandLine: text(win.CommandLine),
      fileName: text(win.TargetFilename) ?? text(win.ImageLoaded),
      fileSha256: hashes.SHA256 ?? null,
      fileMd5: hashes.MD5 ?? null,
      sensorId: envelope.agentId ?? null,
      message: read.message,
      attributes: { win, windowsShape: read.shape, agentId: envelope.agentId ?? undefined },
      // identical records from two agents stay two events; the content hash separates records without an id
      dedupMaterial: dedupMaterial('agent', 'windows', envelope.agentId, text(win.Computer), channel, recordId, contentHash(record)),
      raw: record,
    },
    ctx,
  );
}
