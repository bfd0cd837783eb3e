import type { OrgServiceContext } from '../../core/context.ts';
import type { Executor } from '../../core/database.ts';
import { AppError } from '../../core/errors.ts';
import { countIncidentRows, type IncidentFilter, listIncidentRows } from '../../db/queries/cases.ts';
import { type ItemRow, listIncidentItems } from '../../db/repos/incident-items.repo.ts';
import { findIncident, type IncidentRow } from '../../db/repos/incidents.repo.ts';
import { findOrg } from '../../db/repos/orgs.repo.ts';
import { findUserByRef, loadUserIds, type UserRef } from '../identity/index.ts';
import { type IncidentDto, type IncidentView, toIncidentDto } from './incident.dto.ts';
import { type StatusVocabulary, statusesNamed } from './lifecycle.ts';
import { callerVocabulary } from './status-vocabulary.ts';

/** The same 404 for a missing incident and another organisation's. */
export function incidentNotFound(incidentId: number): AppError {
  return new AppError('NOT_FOUND', `Incident ${incidentId} not found`);
}

export async function loadIncident(ctx: OrgServiceContext, incidentId: number, db: Executor = ctx.deps.db): Promise<IncidentRow> {
  const row = await findIncident(db, ctx.orgId, incidentId);
  if (!row) throw incidentNotFound(incidentId);
  return row;
}

export async function tenantSlug(ctx: OrgServiceContext): Promise<string> {
  const org = await findOrg(ctx.deps.db, ctx.orgId);
  if (!org) throw new AppError('NOT_FOUND', 'Organisation not found');
  return org.slug;
}

/** The caller's view, with the integer ids of the users `actorIds` names looked up in one query. */
export async function loadIncidentView(
  ctx: OrgServiceContext,
  vocabulary: StatusVocabulary,
  actorIds: Iterable<string | null>,
  db: Executor = ctx.deps.db,
): Promise<IncidentView> {
  return { vocabulary, users: await loadUserIds(db, ctx.orgId, actorIds) };
}

/** Incident DTOs with their items and users' integer ids, loaded in one query each for all of them. */
export async function toIncidentDtos(
  ctx: OrgServiceContext,
  rows: readonly IncidentRow[],
  vocabulary: StatusVocabulary,
  db: Executor = ctx.deps.db,
): Promise<IncidentDto[]> {
  const [items, slug, view] = await Promise.all([
    listIncidentItems(
      db,
      ctx.orgId,
      rows.map((row) => Number(row.id)),
    ),
    tenantSlug(ctx),
    loadIncidentView(
      ctx,
      vocabulary,
      rows.flatMap((row) => [row.assigned_to, row.created_by]),
      db,
    ),
  ]);
  const byIncident = new Map<number, ItemRow[]>();
  for (const item of items) {
    const key = Number(item.incident_id);
    byIncident.set(key, [...(byIncident.get(key) ?? []), item]);
  }
  return rows.map((row) => toIncidentDto(row, byIncident.get(Number(row.id)) ?? [], slug, view));
}

export async function incidentDto(ctx: OrgServiceContext, row: IncidentRow, vocabulary: StatusVocabulary, db: Executor = ctx.deps.db): Promise<IncidentDto> {
  const [dto] = await toIncidentDtos(ctx, [row], vocabulary, db);
  if (!dto) throw incidentNotFound(Number(row.id));
  return dto;
}

/** GET /incidents filters as callers send them: a status word of either API, a user by integer id or UUID. */
export type IncidentListFilter = Omit<IncidentFilter, 'statuses' | 'assignedTo'> & {
  status?: string | undefined;
  assignedTo?: UserRef | undefined;
};

export type IncidentPage = { incidents: IncidentDto[]; total: number };

/**
 * GET /incidents and /incidents/real: a filtered page, newest first, with the total for X-Total-Count. A status
 * word selects every status the caller's API calls so; an assignee who is not a user of the organisation matches nothing.
 */
export async function listIncidents(
  ctx: OrgServiceContext,
  filter: IncidentListFilter,
  page: { limit: number; offset: number },
  vocabulary: StatusVocabulary = callerVocabulary(ctx.principal),
): Promise<IncidentPage> {
  if (filter.since && filter.until && filter.since.getTime() > filter.until.getTime()) {
    throw new AppError('VALIDATION_FAILED', 'since must not be after until', { issues: [{ path: 'since', message: 'after until' }] });
  }
  const { status, assignedTo, ...rest } = filter;
  const statuses = status === undefined ? undefined : statusesNamed(status, vocabulary);
  if (statuses?.length === 0)
    throw new AppError('VALIDATION_FAILED', `status: unknown status '${status}'`, { issues: [{ path: 'status', message: 'unknown status' }] });
  const assignee = assignedTo === undefined ? undefined : await findUserByRef(ctx.deps.db, ctx.orgId, assignedTo);
  if (assignedTo !== undefined && !assignee) return { incidents: [], total: 0 };
  const query: IncidentFilter = { ...rest, statuses, assignedTo: assignee?.id };
  const [rows, total] = await Promise.all([listIncidentRows(ctx.deps.db, ctx.orgId, query, page), countIncidentRows(ctx.deps.db, ctx.orgId, query)]);
  return { incidents: await toIncidentDtos(ctx, rows, vocabulary), total };
}
