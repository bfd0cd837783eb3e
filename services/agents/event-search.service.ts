import type { OrgServiceContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { searchEvents } from '../../db/queries/agents.ts';
import type { SeverityWord } from '../events/index.ts';
import { type IndexedEvent, severityLevel, toIndexedEvent } from './event.dto.ts';

export const DEFAULT_RANGE_MS = 24 * 3600_000;
export const MAX_RANGE_DAYS = 31;

export type EventSearch = {
  query?: string | undefined;
  severity?: SeverityWord | undefined;
  event_type?: string | undefined;
  agent_id?: number | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
  size: number;
  offset: number;
};

/** Newest first within [since, until] (default: the last 24 hours; at most 31 days). */
export async function searchOrgEvents(ctx: OrgServiceContext, search: EventSearch): Promise<IndexedEvent[]> {
  const until = search.until ?? new Date();
  const since = search.since ?? new Date(until.getTime() - DEFAULT_RANGE_MS);
  if (since > until) {
    throw new AppError('VALIDATION_FAILED', 'since must be before until', { issues: [{ path: 'since', message: 'after until' }] });
  }
  if (until.getTime() - since.getTime() > MAX_RANGE_DAYS * 86_400_000) {
    throw new AppError('VALIDATION_FAILED', `The time range may span at most ${MAX_RANGE_DAYS} days`, {
      issues: [{ path: 'since', message: `more than ${MAX_RANGE_DAYS} days before until` }],
    });
  }
  const query = search.query?.trim();
  const rows = await searchEvents(ctx.deps.db, ctx.orgId, {
    since,
    until,
    severity: search.severity === undefined ? undefined : severityLevel(search.severity),
    eventType: search.event_type,
    agentId: search.agent_id,
    text: query ? query : undefined,
    limit: search.size,
    offset: search.offset,
  });
  return rows.map(toIndexedEvent);
}
