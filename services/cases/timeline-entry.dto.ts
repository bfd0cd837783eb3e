import { z } from 'zod';
import type { TimelineRow } from '../../db/repos/incident-timeline.repo.ts';
import type { IncidentView } from './incident.dto.ts';
import { statusWord } from './lifecycle.ts';

export const ZTimelineEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor_type: z.string().describe('system, user, api_key, …'),
  actor_id: z.string().nullable().describe("The actor's internal id (a user's or API key's UUID, a detector name)"),
  actor_user_id: z.number().int().nullable().describe('User id (integer) when a user made the entry'),
  kind: z.string().describe('created, alert_added, item_added, status_changed, reopened, assigned, updated, comment'),
  detail: z.unknown().describe("Statuses in the caller's words; an assignment's from/to as user ids (integers)"),
});
export type TimelineEntryDto = z.infer<typeof ZTimelineEntry>;

const STATUS_KINDS = new Set(['status_changed', 'reopened']);

function asFields(detail: unknown): Record<string, unknown> | undefined {
  return typeof detail === 'object' && detail !== null && !Array.isArray(detail) ? (detail as Record<string, unknown>) : undefined;
}

const text = (value: unknown) => (typeof value === 'string' ? value : null);

/** The users a page of entries names (actors and assignees), to look their integer ids up at once. */
export function timelineUserRefs(rows: readonly TimelineRow[]): (string | null)[] {
  return rows.flatMap((row) => {
    const fields = row.kind === 'assigned' ? asFields(row.detail) : undefined;
    return [row.actor_id, text(fields?.from), text(fields?.to)];
  });
}

/** Journals store lifecycle statuses and user UUIDs; callers read their API's status words and users' integer ids. */
function projectDetail(kind: string, detail: unknown, view: IncidentView): unknown {
  const fields = asFields(detail);
  if (!fields) return detail;
  const word = (value: unknown) => (typeof value === 'string' ? statusWord(value, view.vocabulary) : value);
  if (kind === 'created' && 'status' in fields) return { ...fields, status: word(fields.status) };
  if (STATUS_KINDS.has(kind)) return { ...fields, from: word(fields.from), to: word(fields.to) };
  if (kind === 'assigned') return { ...fields, from: view.users.of(text(fields.from)), to: view.users.of(text(fields.to)) };
  return detail;
}

export function toTimelineEntryDto(row: TimelineRow, view: IncidentView): TimelineEntryDto {
  return {
    id: Number(row.id),
    at: row.at.toISOString(),
    actor_type: row.actor_type,
    actor_id: row.actor_id,
    actor_user_id: row.actor_type === 'user' ? view.users.of(row.actor_id) : null,
    kind: row.kind,
    detail: projectDetail(row.kind, row.detail, view),
  };
}
