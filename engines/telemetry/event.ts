import { z } from 'zod';
import { FIRST_STORABLE_MS, LAST_STORABLE_MS } from './time.ts';

/**
 * The one normalised event model (ECS-style). Every parser in this folder produces it; the DB layer maps the
 * camelCase fields to snake_case columns.
 *
 * Severity scale (integer, higher is worse):
 *   0 info · 1 low · 2 medium · 3 high · 4 critical
 * Per-source mappings live in severity.ts and are listed in README.md. Suricata is the trap: its
 * alert.severity 1 is the MOST severe (1 → 3 high, 2 → 2 medium, 3 → 1 low, ≥4 → 0 info).
 */

export const SOURCE_KINDS = ['cowrie', 'suricata', 'zeek', 'osquery', 'syslog', 'agent', 'edr', 'siem', 'custom', 'synthetic', 'threatmap'] as const;
export const ZSourceKind = z.enum(SOURCE_KINDS);
export type SourceKind = z.infer<typeof ZSourceKind>;

/** ECS event.kind. */
export const ZEventKind = z.enum(['event', 'alert', 'metric', 'state']);
export type EventKind = z.infer<typeof ZEventKind>;

/** ECS event.outcome. */
export const ZOutcome = z.enum(['success', 'failure', 'unknown']);
export type Outcome = z.infer<typeof ZOutcome>;

export const SEVERITY = { info: 0, low: 1, medium: 2, high: 3, critical: 4 } as const;
export const ZSeverity = z.number().int().min(0).max(4);
export type Severity = 0 | 1 | 2 | 3 | 4;

const ZPort = z.number().int().min(0).max(65535);
/** An IPv4 or IPv6 address as Postgres inet accepts it (no zone id, no brackets). */
export const ZIpAddress = z.union([z.ipv4(), z.ipv6()]);

export const ZNormalizedEvent = z.object({
  occurredAt: z.date().min(new Date(FIRST_STORABLE_MS)).max(new Date(LAST_STORABLE_MS)),
  sourceKind: ZSourceKind,
  kind: ZEventKind,
  category: z.string().min(1),
  action: z.string().min(1),
  outcome: ZOutcome,
  severity: ZSeverity,
  srcIp: ZIpAddress.nullable(),
  srcPort: ZPort.nullable(),
  dstIp: ZIpAddress.nullable(),
  dstPort: ZPort.nullable(),
  transport: z.string().nullable(),
  hostName: z.string().nullable(),
  userName: z.string().nullable(),
  processName: z.string().nullable(),
  processCommandLine: z.string().nullable(),
  url: z.string().nullable(),
  fileName: z.string().nullable(),
  fileSha256: z.string().nullable(),
  fileMd5: z.string().nullable(),
  sensorId: z.string().nullable(),
  sessionId: z.string().nullable(),
  message: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  /** SHA-256 hex of the parser's identity material (README "Dedup keys"). */
  dedupKey: z.string().regex(/^[0-9a-f]{64}$/),
  raw: z.unknown(),
});
export type NormalizedEvent = Omit<z.infer<typeof ZNormalizedEvent>, 'severity'> & { severity: Severity };

export type ParseContext = {
  /** When the platform received the record; used as occurredAt when the record carries no time. */
  receivedAt: Date;
  /** The registered sensor/collector that sent the record, if known. Wins over names found in the record. */
  sensorId?: string | null;
};

export type Rejection = { ok: false; reason: RejectReason; field?: string };
export type ParseResult = { ok: true; event: NormalizedEvent } | Rejection;

/** Machine-readable rejection reasons; `field` names the offending field where there is one. */
export const REJECT_REASONS = [
  'not_an_object',
  'missing_field',
  'invalid_field',
  'invalid_timestamp',
  /** a time, but outside 0001-01-01 … 9999-12-30 UTC, which the store cannot hold (time.ts) */
  'timestamp_out_of_range',
  'unparseable_line',
  'unrecognised_record',
  /** one record holding several events (osquery batch diffResults): send it through parseBatch */
  'batch_record',
  'invalid_event',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];
