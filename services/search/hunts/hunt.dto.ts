import { z } from 'zod';
import type { HuntRunRow } from '../../../db/repos/hunt-runs.repo.ts';
import type { HuntRow } from '../../../db/repos/hunts.repo.ts';
import { ZKqlRunResult } from '../kql-result.dto.ts';
import { formatTimespan } from './timespan.ts';

export const HUNT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type HuntSeverity = (typeof HUNT_SEVERITIES)[number];

export const ZHunt = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  query: z.string().describe('KQL; checked when saved (a query that does not compile is refused, 400 naming query)'),
  lookback: z
    .string()
    .describe('How far back each run searches, as a KQL timespan (15m, 1h, 7d): the time column is bounded to [run time − lookback, run time]'),
  lookback_seconds: z.number().int(),
  schedule: z.string().nullable().describe('How often the hunt runs by itself (KQL timespan, 5m to 14d); null: run on demand only'),
  schedule_seconds: z.number().int().nullable(),
  severity: z.enum(HUNT_SEVERITIES).describe('Severity of the alerts a scheduled run raises'),
  mitre: z.array(z.string()).describe('ATT&CK technique ids, copied onto the alerts it raises'),
  enabled: z.boolean().describe('false: the schedule is paused (run now still works)'),
  created_by: z.string().nullable(),
  updated_by: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  last_run_at: z.string().nullable(),
  next_run_at: z.string().nullable().describe('When the scheduler runs it next (within a minute of this time); null when unscheduled or disabled'),
});
export type HuntDto = z.infer<typeof ZHunt>;

export function toHuntDto(row: HuntRow): HuntDto {
  return {
    id: Number(row.public_id),
    name: row.name,
    description: row.description,
    query: row.query,
    lookback: formatTimespan(row.lookback_seconds),
    lookback_seconds: row.lookback_seconds,
    schedule: row.schedule_seconds === null ? null : formatTimespan(row.schedule_seconds),
    schedule_seconds: row.schedule_seconds,
    severity: row.severity as HuntSeverity,
    mitre: row.mitre,
    enabled: row.enabled,
    created_by: row.created_by,
    updated_by: row.updated_by,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    last_run_at: row.last_run_at?.toISOString() ?? null,
    next_run_at: row.next_run_at?.toISOString() ?? null,
  };
}

export const ZHuntRun = z.object({
  id: z.number().int(),
  hunt_id: z.number().int(),
  triggered_by: z.enum(['user', 'schedule']),
  actor: z.string().nullable().describe('Who ran it (user:<id>, api_key:<id>); null for the scheduler'),
  status: z.enum(['ok', 'error']),
  started_at: z.string(),
  finished_at: z.string(),
  window_start: z.string(),
  window_end: z.string(),
  row_count: z.number().int().describe('Rows the query returned (at most the run limit)'),
  new_row_count: z.number().int().nullable().describe('Scheduled runs: rows no earlier run of this hunt had alerted on; null for runs on demand'),
  truncated: z.boolean(),
  took_ms: z.number().int().nullable(),
  error_type: z.string().nullable().describe('SYNTAX_ERROR, FIELD_NOT_FOUND, QUERY_TIMEOUT, … when the run failed'),
  error_message: z.string().nullable(),
  alert_id: z.number().int().nullable().describe('The alert this run raised (scheduled runs with new rows only)'),
});
export type HuntRunDto = z.infer<typeof ZHuntRun>;

export function toHuntRunDto(row: HuntRunRow, huntPublicId: number): HuntRunDto {
  return {
    id: Number(row.id),
    hunt_id: huntPublicId,
    triggered_by: row.triggered_by as HuntRunDto['triggered_by'],
    actor: row.actor,
    status: row.status as HuntRunDto['status'],
    started_at: row.started_at.toISOString(),
    finished_at: row.finished_at.toISOString(),
    window_start: row.window_start.toISOString(),
    window_end: row.window_end.toISOString(),
    row_count: row.row_count,
    new_row_count: row.new_row_count,
    truncated: row.truncated,
    took_ms: row.took_ms,
    error_type: row.error_type,
    error_message: row.error_message,
    alert_id: row.alert_id === null ? null : Number(row.alert_id),
  };
}

export const ZHuntRunOutcome = z.object({
  run: ZHuntRun,
  result: ZKqlRunResult.nullable().describe('The rows, as POST /search/kql returns them; null when the run failed (see run.error_type)'),
});
export type HuntRunOutcomeDto = z.infer<typeof ZHuntRunOutcome>;

export const ZHuntRunPage = z.object({
  items: z.array(ZHuntRun),
  next_cursor: z.number().int().nullable().describe('Pass as before_id for older runs; null on the last page'),
});

export const ZHuntDeleted = z.object({ success: z.literal(true), message: z.string() });
