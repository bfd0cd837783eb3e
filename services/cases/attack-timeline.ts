import { z } from 'zod';
import type { IncidentEventRow } from '../../db/queries/cases.ts';
import { severityWord } from '../events/index.ts';
import type { TimelineEntryDto } from './timeline-entry.dto.ts';

export const ZAttackTimelineEntry = z.object({
  at: z.string(),
  source: z.enum(['event', 'incident']).describe('An observed event, or an entry of the incident timeline (created, alert added, status, comment…)'),
  type: z.string().describe('Event action, or timeline kind'),
  description: z.string(),
  severity: z.string().nullable().describe('Event severity (info…critical); null for timeline entries'),
  event_id: z.number().int().nullable(),
  actor: z.string().nullable().describe('Who made a timeline entry (detector id or user id)'),
});
export type AttackTimelineEntry = z.infer<typeof ZAttackTimelineEntry>;

function describeEvent(row: IncidentEventRow): string {
  if (row.message) return row.message;
  const target = row.dst_ip ? ` → ${row.dst_ip}${row.dst_port === null ? '' : `:${row.dst_port}`}` : '';
  return `${row.action} from ${row.src_ip ?? row.host_name ?? 'unknown'}${target}`;
}

function describeEntry(row: TimelineEntryDto): string {
  const detail = (row.detail ?? {}) as Record<string, unknown>;
  const text = [detail.title, detail.body, detail.to !== undefined ? `→ ${String(detail.to)}` : undefined].find((value) => typeof value === 'string');
  return text === undefined ? row.kind.replaceAll('_', ' ') : `${row.kind.replaceAll('_', ' ')}: ${text}`;
}

/** Events and incident timeline entries (already in the caller's words), merged in time order. */
export function buildAttackTimeline(events: readonly IncidentEventRow[], entries: readonly TimelineEntryDto[]): AttackTimelineEntry[] {
  const merged: (AttackTimelineEntry & { order: number })[] = [
    ...events.map((row) => ({
      at: row.occurred_at.toISOString(),
      source: 'event' as const,
      type: row.action,
      description: describeEvent(row),
      severity: severityWord(row.severity),
      event_id: Number(row.id),
      actor: null,
      order: row.occurred_at.getTime(),
    })),
    ...entries.map((row) => ({
      at: row.at,
      source: 'incident' as const,
      type: row.kind,
      description: describeEntry(row),
      severity: null,
      event_id: null,
      actor: row.actor_id,
      order: Date.parse(row.at),
    })),
  ];
  return merged.sort((a, b) => a.order - b.order).map(({ order: _order, ...entry }) => entry);
}
