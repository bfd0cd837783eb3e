import { z } from 'zod';
import type { ResponseActionTransitionRow } from '../../db/repos/response-action-transitions.repo.ts';
import type { ResponseActionRow } from '../../db/repos/response-actions.repo.ts';
import { ACTION_STATUSES } from './transitions.ts';

export const ZActionTransition = z.object({
  from: z.string().nullable().describe('Status before (null for the request itself)'),
  to: z.enum(ACTION_STATUSES),
  actor_id: z.string().nullable(),
  actor_type: z.string().describe('user, api_key, agent, or system (a job, an agent report)'),
  detail: z.string().nullable(),
  at: z.string().describe('ISO 8601'),
});

export const ZResponseAction = z.object({
  id: z.number().int(),
  action_type: z.string(),
  target: z.string(),
  target_kind: z.string().describe('ip, host, user, url, sender, or none for a tracked manual task'),
  status: z
    .enum(ACTION_STATUSES)
    .describe(
      'requested → (awaiting_approval) → dispatched → acknowledged → completed | failed | expired | reverted; unsupported when no enforcement point can act',
    ),
  status_detail: z.string().nullable().describe('What the enforcement point answered'),
  executable: z.boolean().describe('false: a manual task tracked by hand (EventSec /actions), never executed by Vigil'),
  dry_run: z.boolean(),
  adapter: z.string().nullable().describe('Enforcement point kinds that carried it out'),
  ttl_minutes: z.number().nullable().describe("EventSec's name for the duration"),
  duration_seconds: z.number().int().nullable(),
  expires_at: z.string().nullable().describe('When the enforcement point drops it and Vigil lifts it (a durable job)'),
  incident_id: z.number().int().nullable(),
  alert_id: z.number().int().nullable(),
  inverse_of: z.number().int().nullable().describe('The action this one undoes'),
  source: z.string().describe('manual, auto_contain, workflow, alert, tracker, schedule or expiry'),
  requested_by: z.string(),
  requested_by_type: z.string(),
  details: z.record(z.string(), z.unknown()),
  created_at: z.string(),
  updated_at: z.string(),
  transitions: z.array(ZActionTransition).optional(),
});
export type ResponseActionDto = z.infer<typeof ZResponseAction>;

export function toTransitionDto(row: ResponseActionTransitionRow): z.infer<typeof ZActionTransition> {
  return {
    from: row.from_status,
    to: row.to_status as z.infer<typeof ZActionTransition>['to'],
    actor_id: row.actor_id,
    actor_type: row.actor_type,
    detail: row.detail,
    at: row.at.toISOString(),
  };
}

export function toResponseActionDto(row: ResponseActionRow, transitions?: readonly ResponseActionTransitionRow[]): ResponseActionDto {
  return {
    id: Number(row.id),
    action_type: row.action_type,
    target: row.target,
    target_kind: row.target_kind,
    status: row.status as ResponseActionDto['status'],
    status_detail: row.status_detail,
    executable: row.executable,
    dry_run: row.dry_run,
    adapter: row.adapter,
    ttl_minutes: row.duration_seconds === null ? null : row.duration_seconds / 60,
    duration_seconds: row.duration_seconds,
    expires_at: row.expires_at?.toISOString() ?? null,
    incident_id: row.incident_id === null ? null : Number(row.incident_id),
    alert_id: row.alert_id === null ? null : Number(row.alert_id),
    inverse_of: row.inverse_of === null ? null : Number(row.inverse_of),
    source: row.source,
    requested_by: row.requested_by,
    requested_by_type: row.requested_by_type,
    details: (row.params ?? {}) as Record<string, unknown>,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    ...(transitions ? { transitions: transitions.map(toTransitionDto) } : {}),
  };
}
