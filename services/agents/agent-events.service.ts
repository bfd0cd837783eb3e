import type { OrgServiceContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { findAgent } from '../../db/repos/agents.repo.ts';
import { findEventByDedupKey } from '../../db/repos/events.repo.ts';
import { windowsShape } from '../../engines/telemetry/index.ts';
import { enforceIngestRateLimit, type IngestRejection, ingestRecords } from '../ingest/index.ts';
import { type AgentEventInput, ZAgentEvent } from './agent-event-input.ts';
import type { BatchSummary, PostedEvent } from './posted-event.dto.ts';

/** The agent behind an agent key; events posted with a user's or API key's credential have none. */
function callingAgentId(ctx: OrgServiceContext): string | null {
  return ctx.principal.actorType === 'agent' ? ctx.principal.actorId : null;
}

/** What the telemetry parser reads (`parseAgent`); the agent id makes identical events of two agents distinct. */
function toRecord(event: AgentEventInput, agentId: string | null): Record<string, unknown> {
  return {
    event_type: event.event_type,
    severity: event.severity,
    category: event.category ?? null,
    details: event.details,
    ...(event.timestamp ? { timestamp: event.timestamp.toISOString() } : {}),
    ...(event.event_id ? { event_id: event.event_id } : {}),
    ...(event.message ? { message: event.message } : {}),
    ...(agentId ? { agent_id: agentId } : {}),
  };
}

/** Whether a posted body is a bare Windows event rather than an EventSec agent event. */
export function isWindowsEvent(body: unknown): boolean {
  return windowsShape(body) !== null;
}

/** A bare Windows event (evtx JSON, winlogbeat, flat Sysmon) in the agent envelope the telemetry parser unwraps. */
function windowsRecord(event: unknown, agentId: string | null): Record<string, unknown> {
  return { event_type: 'windows_event', details: event, ...(agentId ? { agent_id: agentId } : {}) };
}

/**
 * Stores one event. A replay (same event_id, or same content and timestamp) is not stored twice: the
 * answer then carries the id of the event already stored and `deduplicated: true`.
 */
export async function postAgentEvent(ctx: OrgServiceContext, event: AgentEventInput): Promise<PostedEvent> {
  await enforceIngestRateLimit(ctx);
  const agentId = callingAgentId(ctx);
  const result = await ingestRecords(ctx, { channel: 'events', source: 'agent', records: [toRecord(event, agentId)], agentId });
  const rejection = result.rejected[0];
  const normalised = result.events[0];
  if (rejection || !normalised) {
    const field = rejection?.field ?? '(body)';
    throw new AppError('VALIDATION_FAILED', `Event rejected: ${rejection?.reason ?? 'invalid_event'}`, {
      issues: [{ path: field, message: rejection?.reason ?? 'invalid_event' }],
    });
  }
  const stored = await findEventByDedupKey(ctx.deps.db, ctx.orgId, normalised.dedupKey.replaceAll('\u0000', '\uFFFD'), normalised.occurredAt);
  if (!stored) throw new Error('ingested event not found by its dedup key');
  const agent = agentId === null ? undefined : await findAgent(ctx.deps.db, ctx.orgId, agentId);
  return {
    id: stored.id,
    agent_id: agent?.public_id ?? null,
    event_type: event.event_type,
    severity: event.severity,
    category: event.category ?? null,
    details: event.details,
    created_at: stored.received_at.toISOString(),
    timestamp: stored.occurred_at.toISOString(),
    deduplicated: result.stored === 0,
  };
}

/** Stores a batch: each item is checked like a single event, and a bad one is reported by index while the rest go on. */
export async function postAgentEventBatch(ctx: OrgServiceContext, items: readonly unknown[]): Promise<BatchSummary> {
  await enforceIngestRateLimit(ctx);
  const agentId = callingAgentId(ctx);
  const rejected: BatchSummary['rejected'] = [];
  const records: Record<string, unknown>[] = [];
  const originalIndex: number[] = [];
  items.forEach((item, index) => {
    if (windowsShape(item) !== null) {
      records.push(windowsRecord(item, agentId));
      originalIndex.push(index);
      return;
    }
    const parsed = ZAgentEvent.safeParse(item);
    if (parsed.success) {
      records.push(toRecord(parsed.data, agentId));
      originalIndex.push(index);
    } else rejected.push({ index, ...rejectionOf(item, parsed.error.issues[0]?.path ?? []) });
  });
  const result = await ingestRecords(ctx, { channel: 'events', source: 'agent', records, agentId });
  for (const rejection of result.rejected) rejected.push(fromIngestRejection(rejection, originalIndex));
  return {
    received: items.length,
    stored: result.stored,
    deduplicated: result.deduplicated,
    rejected: rejected.sort((a, b) => a.index - b.index),
  };
}

function rejectionOf(item: unknown, path: readonly PropertyKey[]): { reason: string; field: string | null } {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return { reason: 'not_an_object', field: null };
  const field = path.map(String).join('.') || null;
  const key = path[0];
  const missing = typeof key === 'string' && (item as Record<string, unknown>)[key] === undefined;
  return { reason: missing ? 'missing_field' : 'invalid_field', field };
}

function fromIngestRejection(rejection: IngestRejection, originalIndex: readonly number[]): BatchSummary['rejected'][number] {
  return { index: originalIndex[rejection.index] ?? rejection.index, reason: rejection.reason, field: rejection.field ?? null };
}
