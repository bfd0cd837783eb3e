import type { OrgServiceContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { loadEventsByKeys } from '../../db/queries/agents.ts';
import { findAgentByPublicId } from '../../db/repos/agents.repo.ts';
import { parseKqlPredicate } from '../../engines/kql/predicate.ts';
import type { SeverityWord } from '../events/index.ts';
import { runKqlAst } from '../search/index.ts';
import { type IndexedEvent, severityLevel, toIndexedEvent } from './event.dto.ts';
import { eventSearchQuery } from './event-search.kql.ts';

export const DEFAULT_RANGE_MS = 24 * 3600_000;
export const MAX_RANGE_DAYS = 31;

export type EventSearch = {
  query?: string | undefined;
  severity?: SeverityWord | undefined;
  event_type?: string | undefined;
  agent_id?: number | undefined;
  /** A KQL predicate over the Events columns, AND-ed with the other filters. */
  kql?: string | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
  size: number;
  offset: number;
};

function searchRange(search: EventSearch): { since: Date; until: Date } {
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
  return { since, until };
}

/**
 * Newest first within [since, until] (default: the last 24 hours; at most 31 days). The filters run as a KQL query on
 * the event store (the engine scopes it to the organisation and the range); it picks the page's ids, then the page's
 * rows are read. KQL has no offset, so the first offset + size ids are read and the page sliced from them.
 */
export async function searchOrgEvents(ctx: OrgServiceContext, search: EventSearch): Promise<IndexedEvent[]> {
  const { since, until } = searchRange(search);
  let agentUuid: string | undefined;
  if (search.agent_id !== undefined) {
    const agent = await findAgentByPublicId(ctx.deps.db, ctx.orgId, search.agent_id);
    if (!agent) return [];
    agentUuid = agent.id;
  }
  const text = search.query?.trim();
  // parsed untrimmed, so diagnostics point at the columns the caller wrote
  const kql = search.kql?.trim() ? search.kql : undefined;
  const rows = search.offset + search.size;
  const result = await runKqlAst(ctx, {
    query: () =>
      eventSearchQuery({
        text: text ? text : undefined,
        severity: search.severity === undefined ? undefined : severityLevel(search.severity),
        eventType: search.event_type,
        agentUuid,
        predicate: kql ? parseKqlPredicate(kql) : undefined,
        rows,
      }),
    text: kql ? `GET /events where ${kql.trim()}` : 'GET /events',
    start: since,
    end: until,
    limit: rows,
    audit: false,
    backend: 'postgres',
    field: 'kql',
  });
  const keys = result.hits.slice(search.offset).map((hit) => ({ id: Number(hit.EventId), occurredAt: new Date(hit.TimeGenerated as string) }));
  const events = await loadEventsByKeys(ctx.deps.db, ctx.orgId, keys);
  return events.map(toIndexedEvent);
}
