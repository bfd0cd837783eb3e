import { z } from 'zod';
import type { ResponseActionRow } from '../../db/repos/response-actions.repo.ts';
import { toResponseActionDto, ZResponseAction } from './action.dto.ts';

/** Mini-XDR's result words for an action's status: success only when the enforcement point enforces it. */
export const RESULT_WORDS = ['success', 'failed', 'pending', 'awaiting_approval', 'unsupported'] as const;

export function resultWord(row: ResponseActionRow): (typeof RESULT_WORDS)[number] {
  if (row.status === 'completed' || row.status === 'reverted' || row.status === 'expired') return 'success';
  if (row.status === 'unsupported') return 'unsupported';
  if (row.status === 'awaiting_approval') return 'awaiting_approval';
  if (['requested', 'dispatched', 'acknowledged'].includes(row.status)) return 'pending';
  return 'failed';
}

function durationWords(seconds: number | null): string {
  if (!seconds) return 'permanently';
  if (seconds % 3600 === 0) return `for ${seconds / 3600} hour${seconds === 3600 ? '' : 's'}`;
  if (seconds % 60 === 0) return `for ${seconds / 60} minute${seconds === 60 ? '' : 's'}`;
  return `for ${seconds} seconds`;
}

export function actionMessage(row: ResponseActionRow): string {
  const what = `${row.action_type} ${row.target}`;
  const word = resultWord(row);
  const dry = row.dry_run ? ' (dry run: nothing changed)' : '';
  if (word === 'success') return `${what} done${row.duration_seconds ? ` ${durationWords(row.duration_seconds)}` : ''}${dry}`;
  if (word === 'pending') return `${what} handed over; waiting for the enforcement point to report`;
  if (word === 'awaiting_approval') return `${what} awaits a soc_lead's approval`;
  return `${what} ${word}: ${row.status_detail ?? 'no detail'}`;
}

export const ZContainResult = z.object({
  status: z.enum(RESULT_WORDS).describe('success only when every enforcement point enforces the block'),
  detail: z.string(),
  action: ZResponseAction,
});

export const ZActionResult = z.object({
  success: z.boolean().describe('true only when the enforcement point reports it done'),
  message: z.string(),
  details: z.string().nullable().describe("The enforcement points' own answers"),
  action: ZResponseAction,
});

export const ZBlockResult = ZActionResult.extend({
  duration_seconds: z.number().int().nullable(),
  auto_unblock: z.boolean().describe('A durable job lifts the block at expires_at (and the firewall element times out by itself)'),
});

export const ZIsolateResult = ZActionResult.extend({
  isolation_level: z.enum(['soft', 'hard', 'quarantine']),
  duration_seconds: z.number().int().nullable(),
  auto_restore: z.boolean(),
});

export const ZResetResult = z.object({ success: z.boolean(), message: z.string(), details: z.string().nullable(), actions: z.array(ZResponseAction) });

export const ZScheduledUnblock = z.object({
  status: z.literal('scheduled'),
  due_at: z.string().describe('ISO 8601: when the block is lifted'),
  minutes: z.number().int(),
  action_id: z.number().int().describe('The block this schedules the end of'),
});

export function actionResult(row: ResponseActionRow): z.infer<typeof ZActionResult> {
  return { success: resultWord(row) === 'success', message: actionMessage(row), details: row.status_detail, action: toResponseActionDto(row) };
}
