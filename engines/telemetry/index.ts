import { parseAgent, parseEdr } from './agent.ts';
import { parseCowrie } from './cowrie.ts';
import { parseCustom } from './custom.ts';
import { detectSource } from './detect-source.ts';
import type { NormalizedEvent, ParseContext, ParseResult, RejectReason, SourceKind } from './event.ts';
import { expandOsqueryBatch, parseOsquery } from './osquery.ts';
import { parseSiem } from './siem.ts';
import type { ResolvedSource } from './source-type.ts';
import { parseSuricata } from './suricata.ts';
import { parseSyslog } from './syslog.ts';
import { parseThreatmap } from './threatmap.ts';
import { parseZeek } from './zeek.ts';

export { parseAgent, parseEdr } from './agent.ts';
export { parseCowrie } from './cowrie.ts';
export { parseCustom } from './custom.ts';
export { detectSource } from './detect-source.ts';
export {
  type EventKind,
  type NormalizedEvent,
  type Outcome,
  type ParseContext,
  type ParseResult,
  REJECT_REASONS,
  type Rejection,
  type RejectReason,
  SEVERITY,
  type Severity,
  SOURCE_KINDS,
  type SourceKind,
  ZEventKind,
  ZNormalizedEvent,
  ZOutcome,
  ZSeverity,
  ZSourceKind,
} from './event.ts';
export { canonicalJson, contentHash, fnv1a64, sha256Hex } from './hash.ts';
export { expandOsqueryBatch, parseOsquery } from './osquery.ts';
export { fromSuricataPriority, fromWazuhLevel, fromWordOrScale } from './severity.ts';
export { parseSiem } from './siem.ts';
export { type ResolvedSource, resolveSourceType } from './source-type.ts';
export { parseSuricata } from './suricata.ts';
export { parseSyslog } from './syslog.ts';
export { parseThreatmap } from './threatmap.ts';
export { parseWindows, windowsShape } from './windows.ts';
export { parseZeek } from './zeek.ts';
export { RECOGNISED_ZEEK_LOGS, zeekLogType } from './zeek-log-type.ts';
export { parseZeekTsv, type ZeekTsvResult } from './zeek-tsv.ts';

export type BatchRejection = { index: number; reason: RejectReason; field?: string };
export type BatchResult = { events: NormalizedEvent[]; rejected: BatchRejection[] };
export type BatchOptions = {
  /** With 'auto': sources this endpoint takes (e.g. ['suricata', 'zeek'] for network ingest); others are rejected. */
  allow?: readonly SourceKind[];
};

/** Normalises one record from a known source; `declaredType` only reaches custom records (resolveSourceType). */
export function parseRecord(sourceKind: SourceKind, record: unknown, ctx: ParseContext, declaredType: string | null = null): ParseResult {
  switch (sourceKind) {
    case 'cowrie':
      return parseCowrie(record, ctx);
    case 'suricata':
      return parseSuricata(record, ctx);
    case 'zeek':
      return parseZeek(record, ctx);
    case 'osquery':
      return parseOsquery(record, ctx);
    case 'syslog':
      return parseSyslog(record, ctx);
    case 'agent':
      return parseAgent(record, ctx);
    case 'edr':
      return parseEdr(record, ctx);
    case 'siem':
      return parseSiem(record, ctx);
    case 'threatmap':
      return parseThreatmap(record, ctx);
    case 'custom':
      return parseCustom(record, ctx, sourceKind, declaredType);
    case 'synthetic':
      return parseCustom(record, ctx, sourceKind);
  }
}

/**
 * Normalises a batch; one bad record never fails the others. `rejected[].index` is the record's position in
 * `records`. With 'auto' each record's source is guessed (detectSource). Osquery batch lines are split into
 * one event per row. A sender's declared type goes through resolveSourceType first (unknown types → custom).
 */
export function parseBatch(source: SourceKind | 'auto' | ResolvedSource, records: unknown[], ctx: ParseContext, options: BatchOptions = {}): BatchResult {
  const { kind: sourceKind, declaredType } = typeof source === 'string' ? { kind: source, declaredType: null } : source;
  const events: NormalizedEvent[] = [];
  const rejected: BatchRejection[] = [];
  records.forEach((record, index) => {
    const kind = sourceKind === 'auto' ? detectSource(record) : sourceKind;
    if (options.allow && !options.allow.includes(kind)) {
      rejected.push({ index, reason: 'unrecognised_record' });
      return;
    }
    const parts = kind === 'osquery' ? expandOsqueryBatch(record) : [record];
    for (const part of parts) {
      const result = parseRecord(kind, part, ctx, declaredType);
      if (result.ok) events.push(result.event);
      else rejected.push(result.field === undefined ? { index, reason: result.reason } : { index, reason: result.reason, field: result.field });
    }
  });
  return { events, rejected };
}
