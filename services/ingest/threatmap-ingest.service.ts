import { z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { ingestRecords, MAX_EVENTS_PER_REQUEST } from './ingest.service.ts';
import { enforceIngestRateLimit } from './ingest-rate-limit.ts';
import { describeRejection, type IngestError, ZIngestError } from './network-ingest-errors.ts';

export const ATTACK_TYPES = ['Web', 'DDoS', 'Intrusion', 'Scanner', 'Anonymizer', 'Bot', 'Malware', 'Phishing', 'DNS', 'Email'] as const;
const BY_LOWER = new Map(ATTACK_TYPES.map((type) => [type.toLowerCase(), type]));

/** EventSec's IngestEventIn, checked item by item so one bad item never sinks the others. */
export const ZThreatmapItem = z.looseObject({
  id: z.string().min(1).max(200).optional(),
  ts: z.union([z.string().min(1).max(64), z.number()]),
  src_ip: z.string().max(64).nullish(),
  dst_ip: z.string().max(64).nullish(),
  attack_type: z.string().refine((value) => BY_LOWER.has(value.toLowerCase()), { message: `must be one of ${ATTACK_TYPES.join(', ')}` }),
  severity: z.number().int().min(1).max(10),
  volume: z.object({ pps: z.number().min(0).optional(), bps: z.number().min(0).optional() }).nullish(),
  tags: z.array(z.string().max(100)).max(50).optional(),
  confidence: z.number().min(0).max(1).optional(),
  source: z.string().max(100).optional(),
});

export const ZThreatmapIngestResult = z.object({
  stored: z.number().int(),
  deduplicated: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(ZIngestError),
  detail: z.string(),
});
export type ThreatmapIngestResult = z.infer<typeof ZThreatmapIngestResult>;

function shapeErrors(records: readonly unknown[]): { valid: unknown[]; indexes: number[]; errors: IngestError[] } {
  const valid: unknown[] = [];
  const indexes: number[] = [];
  const errors: IngestError[] = [];
  records.forEach((record, index) => {
    const checked = ZThreatmapItem.safeParse(record);
    if (checked.success) {
      valid.push(record);
      indexes.push(index);
      return;
    }
    const issue = checked.error.issues[0];
    const field = issue?.path.map(String).join('.') || undefined;
    const topLevel = issue?.path.length === 1 ? String(issue.path[0]) : undefined;
    const missing = issue?.code === 'invalid_type' && topLevel !== undefined && (record as Record<string, unknown> | null)?.[topLevel] === undefined;
    errors.push({ index, reason: missing ? 'missing_field' : 'invalid_field', ...(field ? { field } : {}), hint: issue?.message ?? 'invalid item' });
  });
  return { valid, indexes, errors };
}

/** POST /threatmap/ingest: persisted as threatmap events (EventSec only pushed them to an in-memory bus). */
export async function ingestThreatmap(ctx: OrgServiceContext, records: readonly unknown[], single: boolean): Promise<ThreatmapIngestResult> {
  await enforceIngestRateLimit(ctx);
  if (records.length > MAX_EVENTS_PER_REQUEST) throw new AppError('PAYLOAD_TOO_LARGE', `At most ${MAX_EVENTS_PER_REQUEST} events per request; split the batch`);
  const { valid, indexes, errors } = shapeErrors(records);
  const result = await ingestRecords(ctx, { channel: 'threatmap', source: 'threatmap', records: valid });
  for (const rejection of result.rejected) {
    const index = indexes[rejection.index] ?? rejection.index;
    errors.push(describeRejection({ ...rejection, index }, records[index]));
  }
  errors.sort((a, b) => a.index - b.index);
  const first = errors[0];
  if (single && first) {
    throw new AppError('VALIDATION_FAILED', `The event was rejected: ${first.reason}${first.field ? ` (${first.field})` : ''}`, {
      issues: [{ path: first.field ?? '(body)', message: first.hint }],
    });
  }
  return {
    stored: result.stored,
    deduplicated: result.deduplicated,
    rejected: errors.length,
    errors,
    detail: `${result.stored} stored, ${result.deduplicated} already stored, ${errors.length} rejected`,
  };
}
