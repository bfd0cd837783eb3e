import type { Expr, Query } from '../../engines/kql/ast.ts';
import { and, contains, eq, inValues, or, pipeline, project, sortBy, table, take, where } from '../../engines/kql/build.ts';

export type EventSearchFilters = {
  /** Case-insensitive substring of message, action, host or user, taken literally. */
  text?: string | undefined;
  /** 0 (info) … 4 (critical). */
  severity?: number | undefined;
  /** `action` exactly, or `agent.<type>` for agent events. */
  eventType?: string | undefined;
  /** The agent's uuid (the catalogue's AgentId), resolved from its public id by the caller. */
  agentUuid?: string | undefined;
  /** A caller's KQL predicate over the Events columns, already parsed. */
  predicate?: Expr | undefined;
  /** The ids of the first `rows` events are read. */
  rows: number;
};

/**
 * GET /events as a KQL tree: `Events | where … | sort by TimeGenerated desc, EventId desc | take rows | project EventId,
 * TimeGenerated`. Every caller value is a literal node; the caller's predicate is one more `where`.
 */
export function eventSearchQuery(filters: EventSearchFilters): Query {
  const conditions: Expr[] = [];
  if (filters.severity !== undefined) conditions.push(eq('Severity', filters.severity));
  if (filters.agentUuid !== undefined) conditions.push(eq('AgentId', filters.agentUuid));
  if (filters.eventType !== undefined) conditions.push(inValues('Action', [filters.eventType, `agent.${filters.eventType}`]));
  if (filters.text !== undefined) {
    const text = filters.text;
    conditions.push(or(...['Message', 'Action', 'HostName', 'UserName'].map((name) => contains(name, text))));
  }
  return pipeline(
    table('Events'),
    ...(conditions.length > 0 ? [where(and(...conditions))] : []),
    ...(filters.predicate ? [where(filters.predicate)] : []),
    sortBy({ column: 'TimeGenerated', direction: 'desc' }, { column: 'EventId', direction: 'desc' }),
    take(filters.rows),
    project('EventId', 'TimeGenerated'),
  );
}
