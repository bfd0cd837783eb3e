import type { OrgServiceContext } from '../../core/context.ts';
import { countDistinctHosts, lastEventAt, summariseEventSources } from '../../db/queries/agents.ts';
import { countLiveAgents } from '../../db/repos/agents.repo.ts';
import type { LogSource, LogSources, TelemetryStatus } from './telemetry.dto.ts';

/** A source that sent nothing for this long is `stale`. */
export const SOURCE_ACTIVE_WITHIN_MS = 3600_000;
export const MAX_SOURCES_LISTED = 500;

/** Mini-XDR's log sources, computed from the event store: one per channel, source kind and agent. */
export async function listLogSources(ctx: OrgServiceContext, windowHours: number): Promise<LogSources> {
  const now = Date.now();
  const rows = await summariseEventSources(ctx.deps.db, ctx.orgId, new Date(now - windowHours * 3600_000), MAX_SOURCES_LISTED);
  const sources = rows.map((row): LogSource => {
    const last = new Date(row.last_event_ts as Date | string);
    return {
      id: [row.channel, row.source_kind, row.agent_public_id].filter((part) => part !== null).join(':'),
      source_type: row.source_kind,
      channel: row.channel,
      hostname: row.agent_name,
      agent_id: row.agent_public_id,
      agent_version: row.agent_version,
      status: now - last.getTime() <= SOURCE_ACTIVE_WITHIN_MS ? 'active' : 'stale',
      events_processed: Number(row.events),
      last_event_ts: last.toISOString(),
    };
  });
  return { success: true, window_hours: windowHours, sources };
}

/** Mini-XDR's per-organisation telemetry summary, from this organisation's events and agents. */
export async function telemetryStatus(ctx: OrgServiceContext): Promise<TelemetryStatus> {
  const { db } = ctx.deps;
  const [last, hosts, agents] = await Promise.all([
    lastEventAt(db, ctx.orgId),
    countDistinctHosts(db, ctx.orgId, new Date(Date.now() - 24 * 3600_000)),
    countLiveAgents(db, ctx.orgId),
  ]);
  return {
    hasLogs: last !== null,
    lastEventAt: last?.toISOString() ?? null,
    assetsDiscovered: hosts,
    agentsEnrolled: agents.total,
    incidents: null,
    agents: { total: agents.total, online: agents.total - agents.silent, offline: agents.silent },
  };
}
