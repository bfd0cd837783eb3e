import type { OrgServiceContext } from '../../core/context.ts';
import type { Executor } from '../../core/database.ts';
import { AppError } from '../../core/errors.ts';
import { countIncidentRows, type IncidentFilter, listIncidentRows } from '../../db/queries/cases.ts';
import { type ItemRow, listIncidentItems } from '../../db/repos/incident-items.repo.ts';
import { findIncident, type IncidentRow } from '../../db/repos/incidents.repo.ts';
import { findOrg } from '../../db/repos/orgs.repo.ts';
import { type IncidentDto, toIncidentDto } from './incident.dto.ts';

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

/** Incident DTOs with their items, loaded in one query for all of them. */
export async function toIncidentDtos(ctx: OrgServiceContext, rows: readonly IncidentRow[], db: Executor = ctx.deps.db): Promise<IncidentDto[]> {
  const [items, slug] = await Promise.all([
    listIncidentItems(
      db,
      ctx.orgId,
      rows.map((row) => Number(row.id)),
    ),
    tenantSlug(ctx),
  ]);
  const byIncident = new Map<number, ItemRow[]>();
  for (const item of items) {
    const key = Number(item.incident_id);
    byIncident.set(key, [...(byIncident.get(key) ?? []), item]);
  }
  return rows.map((row) => toIncidentDto(row, byIncident.get(Number(row.id)) ?? [], slug));
}

export async function incidentDto(ctx: OrgServiceContext, row: IncidentRow, db: Executor = ctx.deps.db): Promise<IncidentDto> {
  const [dto] = await toIncidentDtos(ctx, [row], db);
  if (!dto) throw incidentNotFound(Number(row.id));
  return dto;
}

export type IncidentPage = { incidents: IncidentDto[]; total: number };

/** GET /incidents and /incidents/real: a filtered page, newest first, with the total for X-Total-Count. */
export async function listIncidents(ctx: OrgServiceContext, filter: IncidentFilter, page: { limit: number; offset: number }): Promise<IncidentPage> {
  if (filter.since && filter.until && filter.since.getTime() > filter.until.getTime()) {
    throw new AppError('VALIDATION_FAILED', 'since must not be after until', { issues: [{ path: 'since', message: 'after until' }] });
  }
  const [rows, total] = await Promise.all([listIncidentRows(ctx.deps.db, ctx.orgId, filter, page), countIncidentRows(ctx.deps.db, ctx.orgId, filter)]);
  return { incidents: await toIncidentDtos(ctx, rows), total };
}
