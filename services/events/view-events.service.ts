import { z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { listViewEventRows } from '../../db/queries/events.ts';
import { deleteViewEvents, type EventView } from '../../db/repos/events.repo.ts';
import { agentLabelsOf } from './view-agent-labels.ts';

export type { EventView };

import { actorOf, recordAudit } from '../identity/index.ts';
import { eventTimePolicy, latestEventTime } from './partitions.ts';
import { relativeWindow } from './time-window.ts';
import { type EdrEventDto, type SiemEventDto, toEdrEventDto, toSiemEventDto } from './view-event.dto.ts';

export type ViewQuery = { q?: string | undefined; severity?: number | undefined; size: number; timeRange?: string | undefined; sinceMs?: number | undefined };

function listRows(ctx: OrgServiceContext, view: EventView, query: ViewQuery) {
  const window = relativeWindow({ timeRange: query.timeRange, sinceMs: query.sinceMs }, latestEventTime(eventTimePolicy(ctx.deps.config)));
  return listViewEventRows(ctx.deps.db, ctx.orgId, view, { ...window, severity: query.severity, text: query.q, limit: query.size });
}

export async function listEdrEvents(ctx: OrgServiceContext, query: ViewQuery): Promise<EdrEventDto[]> {
  return (await listRows(ctx, 'edr', query)).map(toEdrEventDto);
}

/** Every channel's events, agents' included: those are shown with their agent's name and integer id. */
export async function listSiemEvents(ctx: OrgServiceContext, query: ViewQuery): Promise<SiemEventDto[]> {
  const rows = await listRows(ctx, 'siem', query);
  const agents = await agentLabelsOf(ctx, rows);
  return rows.map((row) => toSiemEventDto(row, row.agent_id === null ? undefined : agents.get(row.agent_id)));
}

export type ViewDeleteRequest = { start?: Date | undefined; end?: Date | undefined; ids?: readonly number[] | undefined };

export const ZViewDeleteResult = z.object({ deleted: z.number().int() });
export type ViewDeleteResult = z.infer<typeof ZViewDeleteResult>;

function deleteTarget(request: ViewDeleteRequest) {
  const hasRange = request.start !== undefined || request.end !== undefined;
  if (!hasRange && request.ids === undefined) {
    throw new AppError('VALIDATION_FAILED', 'Send start_time and end_time, ids, or both', {
      issues: [{ path: 'start_time', message: 'required without ids' }],
    });
  }
  if (hasRange && (request.start === undefined || request.end === undefined)) {
    const path = request.start === undefined ? 'start_time' : 'end_time';
    throw new AppError('VALIDATION_FAILED', 'A time range needs both start_time and end_time', {
      issues: [{ path, message: 'required with the other bound' }],
    });
  }
  if (request.start && request.end && request.start.getTime() > request.end.getTime()) {
    throw new AppError('VALIDATION_FAILED', 'start_time must not be after end_time', { issues: [{ path: 'start_time', message: 'after end_time' }] });
  }
  return { range: request.start && request.end ? { from: request.start, to: request.end } : undefined, ids: request.ids };
}

/**
 * DELETE /edr/events and /siem/events (admin): removes only rows posted to that view's store, within
 * the range and/or among the ids, and audits the deletion in the same transaction.
 */
export async function clearViewEvents(ctx: OrgServiceContext, view: EventView, request: ViewDeleteRequest): Promise<ViewDeleteResult> {
  const target = deleteTarget(request);
  return ctx.deps.db.transaction().execute(async (trx) => {
    const deleted = await deleteViewEvents(trx, ctx.orgId, view, target);
    await recordAudit(trx, ctx, {
      orgId: ctx.orgId,
      action: `${view}_events.deleted`,
      actor: actorOf(ctx),
      target: { type: 'events', id: view },
      details: {
        deleted,
        start_time: request.start?.toISOString() ?? null,
        end_time: request.end?.toISOString() ?? null,
        ids: request.ids?.length ?? 0,
      },
    });
    return { deleted };
  });
}
