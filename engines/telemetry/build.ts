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
import { ipOrNull, portOrNull, transportOrNull } from './net.ts';
import type { ParsedTime } from './time.ts';

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
  dedupKey: string;
  raw: unknown;
};

export function reject(reason: RejectReason, field?: string): Rejection {
  return field === undefined ? { ok: false, reason } : { ok: false, reason, field };
}

export function dedupKey(sourceKind: SourceKind, ...parts: Array<string | number | null | undefined>): string {
  return [sourceKind, ...parts.map((p) => (p === null || p === undefined ? '-' : String(p)))].join('|');
}

const HEX64 = /^[0-9a-f]{64}$/i;
const HEX32 = /^[0-9a-f]{32}$/i;

export function buildEvent(draft: EventDraft, ctx: ParseContext): ParseResult {
  const event: NormalizedEvent = {
    occurredAt: draft.time?.date ?? ctx.receivedAt,
    sourceKind: draft.sourceKind,
    kind: draft.kind ?? 'event',
    category: draft.category,
    action: draft.action,
    outcome: draft.outcome ?? 'unknown',
    severity: draft.severity ?? 0,
    srcIp: ipOrNull(draft.srcIp),
    srcPort: portOrNull(draft.srcPort),
    dstIp: ipOrNull(draft.dstIp),
    dstPort: portOrNull(draft.dstPort),
    transport: transportOrNull(draft.transport),
    hostName: draft.hostName ?? null,
    userName: draft.userName ?? null,
    processName: draft.processName ?? null,
    processCommandLine: draft.processCommandLine ?? null,
    url: draft.url ?? null,
    fileName: draft.fileName ?? null,
    // a malformed hash is worse than none for IOC matching; keep it only in attributes/raw
    fileSha256: draft.fileSha256 && HEX64.test(draft.fileSha256) ? draft.fileSha256.toLowerCase() : null,
    fileMd5: draft.fileMd5 && HEX32.test(draft.fileMd5) ? draft.fileMd5.toLowerCase() : null,
    sensorId: ctx.sensorId ?? draft.sensorId ?? null,
    sessionId: draft.sessionId ?? null,
    message: draft.message ?? null,
    attributes: compact(draft.attributes ?? {}),
    dedupKey: draft.dedupKey,
    raw: draft.raw,
  };
  const checked = ZNormalizedEvent.safeParse(event);
  if (!checked.success) {
    const path = checked.error.issues[0]?.path.join('.');
    return reject('invalid_event', path || undefined);
  }
  return { ok: true, event };
}
