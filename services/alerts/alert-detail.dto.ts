import { z } from 'zod';
import type { AlertEventSummaryRow } from '../../db/queries/alerts.ts';
import type { AlertEscalationRow } from '../../db/repos/alert-escalations.repo.ts';
import type { AlertHistoryRow } from '../../db/repos/alert-history.repo.ts';
import type { ResponseActionRow } from '../../db/repos/response-actions.repo.ts';
import { SEVERITY_WORDS, severityWord } from '../events/index.ts';
import type { UserIds } from '../identity/index.ts';
import { ZAlert } from './alert.dto.ts';

export const ZAlertEscalation = z.object({
  id: z.number().int(),
  alert_id: z.number().int(),
  escalated_to: z.number().int().nullable().describe('User id (integer); the alert is now assigned to this user'),
  escalated_by: z.number().int().nullable().describe('User id (integer) of who escalated; null when an API key did'),
  reason: z.string().nullable(),
  created_at: z.string(),
});

export type AlertEscalationDto = z.infer<typeof ZAlertEscalation>;

export function toEscalationDto(row: AlertEscalationRow, users: UserIds): AlertEscalationDto {
  return {
    id: Number(row.id),
    alert_id: Number(row.alert_id),
    escalated_to: users.of(row.escalated_to),
    escalated_by: users.of(row.escalated_by),
    reason: row.reason,
    created_at: row.created_at.toISOString(),
  };
}

export const ZAlertAction = z.object({
  id: z.number().int().describe('The response action id (GET /actions/{action_id} has its transitions)'),
  alert_id: z.number().int().nullable(),
  action: z
    .string()
    .describe(
      'The response action type: block_url, unblock_url, block_sender, unblock_sender, revoke_session, isolate_host (POST …/isolate-device), or another catalogue action taken on this alert',
    ),
  target: z.string().describe('What it acts on, in the canonical form the enforcement points saw'),
  status: z
    .string()
    .describe(
      'The real lifecycle status: requested, dispatched, acknowledged (an agent will report), completed, failed, unsupported (nothing here can carry it out; status_detail says why), expired, reverted, …',
    ),
  status_detail: z.string().nullable().describe('What the enforcement points answered'),
  adapter: z.string().nullable().describe('Enforcement point kinds that carried it out'),
  dry_run: z.boolean(),
  source: z.string().describe('alert for the alert action routes; manual, auto_contain, workflow, … otherwise'),
  requested_by: z.number().int().nullable().describe('User id (integer) of who requested it; null when an API key or Vigil itself did'),
  requested_by_type: z.string().describe('user, api_key or system'),
  created_at: z.string(),
  updated_at: z.string(),
});

export type AlertActionDto = z.infer<typeof ZAlertAction>;

export function toActionDto(row: ResponseActionRow, users: UserIds): AlertActionDto {
  return {
    id: Number(row.id),
    alert_id: row.alert_id === null ? null : Number(row.alert_id),
    action: row.action_type,
    target: row.target,
    status: row.status,
    status_detail: row.status_detail,
    adapter: row.adapter,
    dry_run: row.dry_run,
    source: row.source,
    requested_by: row.requested_by_type === 'user' ? users.of(row.requested_by) : null,
    requested_by_type: row.requested_by_type,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

export const ZAlertHistoryEntry = z.object({
  at: z.string(),
  actor_type: z.string(),
  actor_id: z.string().nullable().describe("The actor's internal id (a user's or API key's UUID)"),
  actor_user_id: z.number().int().nullable().describe('User id (integer) when a user made the change'),
  kind: z.string().describe('created, occurrence, updated, escalated or action_requested'),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).describe('field → {from, to}; assigned_to as user ids (integers)'),
  detail: z.record(z.string(), z.unknown()),
});

type Changes = Record<string, { from: unknown; to: unknown }>;

const text = (value: unknown) => (typeof value === 'string' ? value : null);

/** The user UUIDs a history entry names (its actor, an assignment's from and to), to look their integer ids up at once. */
export function historyUserRefs(row: AlertHistoryRow): (string | null)[] {
  const assignment = (row.changes as Changes | null)?.assigned_to;
  return [row.actor_id, text(assignment?.from), text(assignment?.to)];
}

export function toHistoryDto(row: AlertHistoryRow, users: UserIds): z.infer<typeof ZAlertHistoryEntry> {
  const changes = (row.changes ?? {}) as Changes;
  const assignment = changes.assigned_to;
  return {
    at: row.at.toISOString(),
    actor_type: row.actor_type,
    actor_id: row.actor_id,
    actor_user_id: row.actor_type === 'user' ? users.of(row.actor_id) : null,
    kind: row.kind,
    changes: assignment ? { ...changes, assigned_to: { from: users.of(text(assignment.from)), to: users.of(text(assignment.to)) } } : changes,
    detail: row.detail as Record<string, unknown>,
  };
}

export const ZAlertEventSummary = z.object({
  id: z.number().int(),
  occurred_at: z.string(),
  source: z.string(),
  kind: z.string(),
  category: z.string(),
  action: z.string(),
  severity: z.enum(SEVERITY_WORDS),
  src_ip: z.string().nullable(),
  dst_ip: z.string().nullable(),
  dst_port: z.number().int().nullable(),
  hostname: z.string().nullable(),
  username: z.string().nullable(),
  message: z.string().nullable().describe('First 500 characters; attacker-controlled text, escape on display'),
});

export function toEventSummaryDto(row: AlertEventSummaryRow): z.infer<typeof ZAlertEventSummary> {
  return {
    id: Number(row.id),
    occurred_at: row.occurred_at.toISOString(),
    source: row.source_kind,
    kind: row.kind,
    category: row.category,
    action: row.action,
    severity: severityWord(row.severity),
    src_ip: row.src_ip,
    dst_ip: row.dst_ip,
    dst_port: row.dst_port,
    hostname: row.host_name,
    username: row.user_name,
    message: row.message,
  };
}

export const ZAlertDetail = ZAlert.extend({
  event_ids: z.array(z.number().int()).describe('Ids of the linked events, most recent first (at most 200)'),
  events_linked: z.number().int().describe('How many events are linked (an alert keeps at most 500)'),
  events: z.array(ZAlertEventSummary).describe('The 50 most recent linked events that are still stored'),
  history: z.array(ZAlertHistoryEntry).describe('The last 100 changes, oldest first'),
  escalations: z.array(ZAlertEscalation),
  actions: z
    .array(ZAlertAction)
    .describe('Response actions taken on this alert (the alert action routes and any other), newest first (at most 100), with their real status'),
});
export type AlertDetail = z.infer<typeof ZAlertDetail>;
