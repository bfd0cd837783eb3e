import type { EventDraft } from './build.ts';
import type { EventKind, Outcome } from './event.ts';
import { bool, pickStr, str } from './fields.ts';

type Rec = Record<string, unknown>;

// EventSec agent `details` keys (python agent enrichment, edr_* events, SYNTHETIC_TELEMETRY samples) → model fields
const PROMOTED: Record<string, readonly string[]> = {
  hostName: ['hostname', 'host', 'computer_name'],
  userName: ['username', 'user', 'user_name'],
  processName: ['process_name', 'process', 'image'],
  processCommandLine: ['command_line', 'cmdline', 'commandline'],
  srcIp: ['src_ip', 'source_ip', 'local_ip'],
  srcPort: ['src_port', 'source_port', 'local_port'],
  dstIp: ['dst_ip', 'dest_ip', 'destination_ip', 'remote_ip'],
  dstPort: ['dst_port', 'dest_port', 'destination_port', 'remote_port'],
  transport: ['protocol', 'transport'],
  url: ['url'],
  fileName: ['file_path', 'path', 'filename', 'file_name'],
  fileSha256: ['sha256', 'file_sha256'],
  fileMd5: ['md5', 'file_md5'],
  message: ['message', 'msg'],
};
const CONSUMED = new Set(Object.values(PROMOTED).flat());

export type DetailFields = Pick<
  EventDraft,
  | 'hostName'
  | 'userName'
  | 'processName'
  | 'processCommandLine'
  | 'srcIp'
  | 'srcPort'
  | 'dstIp'
  | 'dstPort'
  | 'transport'
  | 'url'
  | 'fileName'
  | 'fileSha256'
  | 'fileMd5'
  | 'message'
> & { attributes: Rec; outcome: Outcome };

/** Promotes well-known detail keys to model fields; every other key stays searchable in attributes. */
export function detailFields(details: Rec): DetailFields {
  const first = (keys: readonly string[] | undefined) => {
    for (const key of keys ?? []) if (details[key] !== undefined && details[key] !== null && details[key] !== '') return details[key];
    return undefined;
  };
  const text = (field: string) => str(first(PROMOTED[field]));
  const attributes: Rec = {};
  for (const [key, value] of Object.entries(details)) if (!CONSUMED.has(key)) attributes[key] = value;
  return {
    hostName: text('hostName'),
    userName: text('userName'),
    processName: text('processName'),
    processCommandLine: text('processCommandLine'),
    srcIp: first(PROMOTED.srcIp),
    srcPort: first(PROMOTED.srcPort),
    dstIp: first(PROMOTED.dstIp),
    dstPort: first(PROMOTED.dstPort),
    transport: first(PROMOTED.transport),
    url: text('url'),
    fileName: text('fileName'),
    fileSha256: text('fileSha256'),
    fileMd5: text('fileMd5'),
    message: text('message'),
    outcome: outcomeOf(details),
    attributes,
  };
}

function outcomeOf(details: Rec): Outcome {
  const success = bool(details.success);
  if (success !== null) return success ? 'success' : 'failure';
  const word = pickStr(details, 'outcome', 'result', 'status')?.toLowerCase();
  if (word === 'success' || word === 'succeeded' || word === 'allowed') return 'success';
  if (word === 'failure' || word === 'failed' || word === 'denied' || word === 'blocked') return 'failure';
  return 'unknown';
}

const CATEGORY_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/malware|virus|yara/, 'malware'],
  [/ioc|intel|threat/, 'threat'],
  [/login|logon|auth|password/, 'authentication'],
  [/process|exec/, 'process'],
  [/dns/, 'dns'],
  [/url|http|web|browser/, 'web'],
  [/network|connection|socket|flow/, 'network'],
  [/file|fim/, 'file'],
  [/registry/, 'registry'],
];

/** ECS-like category from an EventSec event_type such as edr.process_start or edr_network_connection. */
export function categoryFromType(eventType: string): string {
  const lower = eventType.toLowerCase();
  return CATEGORY_WORDS.find(([pattern]) => pattern.test(lower))?.[1] ?? 'host';
}

export function kindFromType(eventType: string, details: Rec): EventKind {
  const lower = eventType.toLowerCase();
  if (/ioc_hit|malware_detection/.test(lower) || (/malware_scan/.test(lower) && bool(details.infected) === true)) {
    return 'alert';
  }
  if (/heartbeat|agent_status|inventory/.test(lower)) return 'state';
  return 'event';
}

/** `<kind>.<type>`, without doubling a prefix the type already has (edr.process_start stays edr.process_start). */
export function prefixedAction(sourceKind: string, eventType: string): string {
  return eventType.startsWith(`${sourceKind}.`) ? eventType : `${sourceKind}.${eventType}`;
}
