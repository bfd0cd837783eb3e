import type { OrgServiceContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { latestActionOn, type ResponseActionRow } from '../../db/repos/response-actions.repo.ts';
import { type IncidentTarget, incidentTarget } from '../cases/index.ts';
import { callerActor } from './actor.ts';
import { executeAction } from './request-action.service.ts';
import { IN_FORCE, revertAction } from './revert-action.service.ts';

export function incidentNotFound(incidentId: number): AppError {
  return new AppError('NOT_FOUND', `Incident ${incidentId} not found`);
}

export async function loadIncident(ctx: OrgServiceContext, incidentId: number): Promise<IncidentTarget> {
  const incident = await incidentTarget(ctx.deps.db, ctx.orgId, incidentId);
  if (!incident) throw incidentNotFound(incidentId);
  return incident;
}

function missing(field: string, what: string): AppError {
  return new AppError('VALIDATION_FAILED', `${field}: the incident names no ${what} to act on`, {
    issues: [{ path: field, message: `the incident has no ${what}` }],
  });
}

/** The attacker address of an incident: its source IP, or its entity when that is an address. */
export function incidentIp(incident: IncidentTarget): string {
  const ip = incident.src_ip ?? (incident.entity_type === 'src_ip' ? incident.entity_value : null);
  if (!ip) throw missing('src_ip', 'source IP');
  return ip;
}

export function incidentHost(incident: IncidentTarget, requested: string | undefined): string {
  const host = requested ?? (incident.entity_type === 'host' ? incident.entity_value : null);
  if (!host) throw missing('hostname', 'host (send hostname)');
  return host;
}

export function incidentAccounts(incident: IncidentTarget, requested: readonly string[] | undefined): string[] {
  const accounts = requested?.length ? [...requested] : incident.entity_type === 'user' && incident.entity_value ? [incident.entity_value] : [];
  if (accounts.length === 0) throw missing('accounts', 'account (send accounts)');
  return accounts;
}

export async function actOnIncident(
  ctx: OrgServiceContext,
  incident: IncidentTarget,
  type: string,
  target: string,
  targetField: string,
  durationSeconds?: number | null,
): Promise<ResponseActionRow> {
  return executeAction(ctx.deps, ctx.orgId, callerActor(ctx), {
    type,
    target,
    targetField,
    incidentId: incident.id,
    durationSeconds: durationSeconds ?? null,
    source: 'manual',
  });
}

/**
 * Lifts what is in force on a target: the latest in-force `applied` action is reverted (so it reads
 * reverted), or, when Vigil has none on record, the inverse runs anyway in case a point still holds it.
 */
export async function liftOnIncident(
  ctx: OrgServiceContext,
  incident: IncidentTarget,
  applied: string,
  inverse: string,
  target: string,
  field: string,
): Promise<ResponseActionRow> {
  const latest = await latestActionOn(ctx.deps.db, ctx.orgId, [applied], target);
  if (latest && (IN_FORCE as readonly string[]).includes(latest.status)) return revertAction(ctx.deps, ctx.orgId, callerActor(ctx), latest.id);
  return actOnIncident(ctx, incident, inverse, target, field);
}
