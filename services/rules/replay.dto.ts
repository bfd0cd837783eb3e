import { z } from 'zod';
import type { RuleReplayRow } from '../../db/repos/rule-replays.repo.ts';

const ZReplayAlert = z.object({
  key: z.string().describe('what the alert is about: an entity (src_ip:…, host:…, user:…) or a correlation group'),
  events: z.number().int().describe('matched events (a correlation: events in its matches)'),
  first_seen: z.string(),
  last_seen: z.string(),
  event_ids: z.array(z.number().int()).describe('up to 20 of them, oldest first'),
});
export type ReplayAlert = z.infer<typeof ZReplayAlert>;

const ZReplaySide = z.object({ label: z.string(), version: z.number().int().nullable(), matched_events: z.number().int(), alerts: z.number().int() });

export const ZReplayResult = z.object({
  baseline: ZReplaySide.describe('the version that runs now'),
  candidate: ZReplaySide.describe('the draft or version replayed'),
  added: z.array(ZReplayAlert).describe('alerts the candidate would raise that the running version does not'),
  removed: z.array(ZReplayAlert).describe('alerts the running version raises that the candidate would not'),
  unchanged: z.number().int(),
});
export type ReplayResult = z.infer<typeof ZReplayResult>;

export const ZRuleReplay = z.object({
  id: z.number().int(),
  rule_id: z.number().int(),
  status: z.enum(['queued', 'running', 'completed', 'failed']),
  from: z.string(),
  to: z.string(),
  events_total: z.number().int().nullable(),
  events_scanned: z.number().int(),
  progress: z.number().describe('0 to 1'),
  result: ZReplayResult.nullable(),
  error: z.string().nullable(),
  created_at: z.string(),
  finished_at: z.string().nullable(),
});
export type RuleReplayDto = z.infer<typeof ZRuleReplay>;

export function toRuleReplayDto(row: RuleReplayRow, rulePublicId: number): RuleReplayDto {
  const total = row.events_total === null ? null : Number(row.events_total);
  const scanned = Number(row.events_scanned);
  return {
    id: Number(row.id),
    rule_id: rulePublicId,
    status: row.status as RuleReplayDto['status'],
    from: row.range_from.toISOString(),
    to: row.range_to.toISOString(),
    events_total: total,
    events_scanned: scanned,
    progress: row.status === 'completed' ? 1 : total ? Math.min(1, scanned / total) : 0,
    result: (row.result as ReplayResult | null) ?? null,
    error: row.error,
    created_at: row.created_at.toISOString(),
    finished_at: row.finished_at?.toISOString() ?? null,
  };
}
