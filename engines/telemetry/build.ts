import {
  type EventKind,
  type NormalizedEvent,
  type Outcome,
  type ParseContext,
  type ParseResult,
  type Rejection,
  type RejectReason,
  type Severity,
  type SourceKind,
  ZNormalizedEvent,
} from './event.ts';
import { compact } from './fields.ts';
import { sha256Hex } from './hash.ts';
import { ipOrNull, portOrNull, transportOrNull } from './net.ts';
import { boundedIdentifier, RAW_NUL, storableJson, storableText, storableTextOrNull } from './storable.ts';
import { type ParsedTime, readTime } from './time.ts';

/** What a parser knows; buildEvent validates and fills the rest. IP/port inputs may be anything. */
export type EventDraft = {
  sourceKind: SourceKind;
  time: ParsedTime | null;
  kind?: EventKind;
  category: string;
  action: string;
  outcome?: Outcome;
  severity?: Severity;
  srcIp?: unknown;
  srcPort?: unknown;
  dstIp?: unknown;
  dstPort?: unknown;
  transport?: unknown;
  hostName?: string | null;
  userName?: string | null;
  processName?: string | null;
  processCommandLine?: string | null;
  url?: string | null;
  fileName?: string | null;
  fileSha256?: string | null;
  fileMd5?: string | null;
  /** A sensor name found in the record; the caller's ctx.sensorId wins. */
  sensorId?: string | null;
  sessionId?: string | null;
  message?: string | null;
  attributes?: Record<string, unknown>;
  /** What identifies the record (dedupMaterial()); the stored dedupKey is its SHA-256. */
  dedupMaterial: string;
  raw: unknown;
};

export function reject(reason: RejectReason, field?: string): Rejection {
  return field === undefined ? { ok: false, reason } : { ok: false, reason, field };
}

/** The rejection for a time field parseTime refused: out of the storable range, or not a time at all. */
export function rejectTime(value: unknown, field: string): Rejection {
  const problem = readTime(value);
  return reject(typeof problem === 'string' ? problem : 'invalid_timestamp', field);
}

/** `<source>|<parts>` with '-' for a missing part (README "Dedup keys"); any length: buildEvent hashes it. */
export function dedupMaterial(sourceKind: SourceKind, ...parts: Array<string | number | null | undefined>): string {
  return [sourceKind, ...parts.map((p) => (p === null || p === undefined ? '-' : String(p)))].join('|');
}

const HEX64 = /^[0-9a-f]{64}$/i;
const HEX32 = /^[0-9a-f]{32}$/i;

/**
 * The one exit of every parser: fills defaults, makes every string storable (storable.ts), hashes the dedup
 * material into a fixed-length key, and checks the result against the model.
 */
export function buildEvent(draft: EventDraft, ctx: ParseContext): ParseResult {
  const event: NormalizedEvent = {
    occurredAt: draft.time?.date ?? ctx.receivedAt,
    sourceKind: draft.sourceKind,
    kind: draft.kind ?? 'event',
    category: storableText(draft.category),
    action: storableText(draft.action),
    outcome: draft.outcome ?? 'unknown',
    severity: draft.severity ?? 0,
    srcIp: ipOrNull(draft.srcIp),
    srcPort: portOrNull(draft.srcPort),
    dstIp: ipOrNull(draft.dstIp),
    dstPort: portOrNull(draft.dstPort),
    transport: storableTextOrNull(transportOrNull(draft.transport)),
    hostName: boundedIdentifier(draft.hostName),
    userName: boundedIdentifier(draft.userName),
    processName: storableTextOrNull(draft.processName),
    processCommandLine: storableTextOrNull(draft.processCommandLine),
    url: storableTextOrNull(draft.url),
    fileName: storableTextOrNull(draft.fileName),
    // a malformed hash is worse than none for IOC matching; keep it only in attributes/raw
    fileSha256: draft.fileSha256 && HEX64.test(draft.fileSha256) ? draft.fileSha256.toLowerCase() : null,
    fileMd5: draft.fileMd5 && HEX32.test(draft.fileMd5) ? draft.fileMd5.toLowerCase() : null,
    sensorId: boundedIdentifier(ctx.sensorId ?? draft.sensorId),
    sessionId: boundedIdentifier(draft.sessionId),
    message: storableTextOrNull(draft.message),
    attributes: storableJson(compact(draft.attributes ?? {})) as Record<string, unknown>,
    // fixed length whatever the input: the key sits in a btree unique index
    dedupKey: sha256Hex(draft.dedupMaterial),
    raw: storableJson(draft.raw, RAW_NUL),
  };
  const checked = ZNormalizedEvent.safeParse(event);
  if (!checked.success) {
    const path = checked.error.issues[0]?.path.join('.');
    return reject('invalid_event', path || undefined);
  }
  return { ok: true, event };
}
